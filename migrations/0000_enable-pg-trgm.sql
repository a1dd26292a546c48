-- Custom SQL migration file, put your code below! --
-- drizzle-kit cannot express extensions: contact search (`q`) needs trigram GIN indexes.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
