// A static SPA: every page renders in the browser (adapter-static's fallback page), nothing is prerendered.
export const ssr = false;
export const prerender = false;
