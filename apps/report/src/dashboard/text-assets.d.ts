// Static files imported as text: esbuild's text loader in the bundle (project.json
// esbuildOptions.loader), a small Jest transform in tests (tests/helpers/text-transform.cjs).
declare module '*.min.js' {
  const text: string;
  export default text;
}
declare module '*.client.js' {
  const text: string;
  export default text;
}
declare module '*.css' {
  const text: string;
  export default text;
}
declare module '*?browser' {
  /** The module bundled for the browser (build/browser-bundle.cjs), as script text. */
  const text: string;
  export default text;
}
