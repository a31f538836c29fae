import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { renderSvg } from "../services/charts.ts";

// resvg holds each render's pixels in native memory that V8 does not see (thx/resvg-js#216): with
// the JavaScript heap quiet nothing is collected, and a tick's 300 digest charts held about 1 GB.
// renderSvg tells V8 how big each image was, so collections come and take the pixels with them.
// (This file runs in a process of its own: vitest's "forks" pool.)

const MB = 1024 * 1024;

describe("rendering many charts", () => {
  it("keeps the process's memory bounded: the native pixels of earlier charts are freed", async () => {
    // 1,000 × 2,500 px: 10 MB of pixels a render, 600 MB for 60 if none were freed
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="2500"><rect x="10" y="10" width="980" height="2480" fill="#4caf50"/></svg>`;
    renderSvg(svg);
    await nextTurn();
    const before = process.memoryUsage().rss;
    let peak = before;
    for (let i = 0; i < 60; i++) {
      expect(renderSvg(svg).subarray(1, 4).toString("ascii")).toBe("PNG");
      peak = Math.max(peak, process.memoryUsage().rss);
      // a digest awaits its queries between charts: the collected images' finalizers run then
      await nextTurn();
    }
    expect((peak - before) / MB).toBeLessThan(200);
  });
});
