//go:build e2e

package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recompressResult is what the page script below returns.
type recompressResult struct {
	InBytes  int     `json:"inBytes"`
	OutBytes int     `json:"outBytes"`
	OutType  string  `json:"outType"`
	Action   string  `json:"action"`
	Encodes  int     `json:"encodes"`
	Encoder  string  `json:"encoder"`
	Quality  int     `json:"quality"`
	Scale    float64 `json:"scale"`
	Width    int     `json:"width"`
	Checks   map[string]bool
	Decoded  int    `json:"decoded"`  // width of the output as the browser decodes it
	Same     bool   `json:"same"`     // a compliant input came back byte-identical
	Rejected string `json:"rejected"` // the error of an impossible budget
}

// TestRecompressInTheBrowser runs recompress in headless Chromium: the Go
// policy in the worker with createImageBitmap and
// OffscreenCanvas.convertToBlob doing the pixels. The input is a 2400×1800
// photo-like JPEG (gradients and noise) of a few MB made by the browser.
func TestRecompressInTheBrowser(t *testing.T) {
	base := startServe(t)
	ctx := withTimeout(t, 3*time.Minute)
	b := newBrowser(t, ctx, "", "en-US")
	b.do(chromedp.Navigate(base + "?camera=off"))

	res := eval[recompressResult](b, `(async () => {
		const { createPreflight } = await import("./preflight.js");
		const pf = await createPreflight();
		const w = 2400, h = 1800, c = new OffscreenCanvas(w, h), ctx = c.getContext("2d");
		const img = ctx.createImageData(w, h);
		let s = 7;
		for (let i = 0; i < w * h; i++) {
			s = (s * 1103515245 + 12345) >>> 0;
			const n = (s >>> 24) & 63, x = i % w, y = (i / w) | 0;
			img.data.set([(x * 200 / w + n) | 0, (y * 200 / h + n) | 0, 120 + n, 255], 4 * i);
		}
		ctx.putImageData(img, 0, 0);
		const input = await c.convertToBlob({ type: "image/jpeg", quality: 0.95 });
		const { blob, info } = await pf.recompress(input, { maxBytes: 600000 });
		const bmp = await createImageBitmap(blob);
		const small = new Uint8Array(await (await c.convertToBlob({ type: "image/jpeg", quality: 0.5 })).arrayBuffer());
		const kept = await pf.recompress(small, { maxBytes: 2000000, verify: false });
		const same = new Uint8Array(await kept.blob.arrayBuffer()).every((v, i) => v === small[i]);
		const rejected = await pf.recompress(input, { maxBytes: 500 }).then(() => "", (e) => e.message);
		pf.terminate();
		return { inBytes: input.size, outBytes: blob.size, outType: blob.type, action: info.action,
			encodes: info.encodes, encoder: info.encoder, quality: info.quality, scale: info.scale,
			width: info.width, checks: info.checks, decoded: bmp.width, same, rejected };
	})()`)

	t.Logf("recompress in Chromium: %+v", res)
	require.Greater(t, res.InBytes, 600000, "the input must need recompressing")
	assert.LessOrEqual(t, res.OutBytes, 600000)
	assert.Equal(t, "image/jpeg", res.OutType)
	assert.Equal(t, "re-encoded", res.Action)
	assert.Contains(t, res.Encoder, "OffscreenCanvas")
	assert.LessOrEqual(t, res.Encodes, 2, "one or two whole encodes")
	assert.Equal(t, res.Width, res.Decoded, "the output decodes at the size info reports")
	assert.True(t, res.Same, "a compliant JPEG comes back byte-identical")
	assert.Contains(t, res.Rejected, "max bytes 500")
}
