/** The seeded board the browser tests look at (the same one the README screenshot shows). */
export { SPECS, startSeededBoard, type SeededBoard } from "../../../src/demo/board-demo.js";
