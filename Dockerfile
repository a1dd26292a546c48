# Rapport: one process serving the API and the built web app on port 3000.
# Build: docker build -t rapport .   Run with Postgres: see docker-compose.yml.
FROM node:20-slim

RUN npm i -g pnpm@10.34.9 --no-fund --no-audit --loglevel=error

WORKDIR /app

# Fetch packages from the lockfile alone (cached until it changes), then install offline.
# @see https://pnpm.io/cli/fetch
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch

COPY . .
RUN pnpm install --frozen-lockfile --offline

# Builds the web app (and anything else with a build script).
RUN pnpm -r --if-present build

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:3000/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"

# What `pnpm start` runs, without pnpm in between: pnpm does not pass SIGTERM on to the server,
# which would then be killed instead of finishing in-flight requests and closing the database.
CMD ["node", "--import", "tsx", "server/src/server.ts"]
