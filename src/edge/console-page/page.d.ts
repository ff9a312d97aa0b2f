// page.js is the browser's script, bundled as text (scripts/build.mjs), not run here.
declare const text: string;
export default text;
