//go:build e2e

package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
	"github.com/idpreflight/idpreflight/preflight"
	"github.com/idpreflight/idpreflight/preflight/ocr/ocrtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Camera clip: 4:3 frames, analysed at 640×480 by the page; the steady
// shot lasts long enough for a slow machine to see several frames of it.
const (
	clipW, clipH, clipFPS = 960, 720, 30
	clipSteady            = 8.0 // seconds
	token                 = "e2e-token"
)

// summary mirrors CaptureController.summary() in web/capture.js.
type summary struct {
	Frames            int      `json:"frames"`
	FPS               float64  `json:"fps"`
	AnalyseMsMean     float64  `json:"analyseMsMean"`
	StableToCaptureMs *float64 `json:"stableToCaptureMs"`
	ReadyToCaptureMs  *float64 `json:"readyToCaptureMs"`
	CheckMs           *float64 `json:"checkMs"`
	Manual            bool     `json:"manual"`
}

// writeClip renders the fake camera's video into dir.
func writeClip(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "camera.y4m")
	f, err := os.Create(p)
	require.NoError(t, err)
	defer f.Close()
	clip := synth.CaptureClip(clipW, clipH, clipFPS, 11)
	clip.Shots[len(clip.Shots)-1].Frames = int(clipSteady * clipFPS)
	clip.Face = testFace(t)
	require.NoError(t, clip.WriteY4M(f))
	return p
}

// testFace is the public-domain portrait of testdata/README.md, which the
// face detector behind 820 finds, unlike synth's drawn face at this size.
func testFace(t *testing.T) *vision.RGB {
	t.Helper()
	img, err := synth.ReadImage("../testdata/grace_hopper_256.jpg")
	require.NoError(t, err)
	return img
}

// corsEndpoint puts the fake OCR endpoint behind the CORS answers a real
// deployment gives the capture page's origin.
func corsEndpoint(t *testing.T, fake *ocrtest.Server) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Access-Control-Allow-Headers", "Authorization")
		w.Header().Set("Access-Control-Allow-Methods", "POST")
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		fake.Config.Handler.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/api/v3/ocr/"
}

func TestCameraAutoCapturesBothSides(t *testing.T) {
	ctx := withTimeout(t, 8*time.Minute)
	y4m := writeClip(t, t.TempDir())
	base := startServe(t)
	fake := ocrtest.NewServer(token)
	t.Cleanup(fake.Close)
	endpoint := corsEndpoint(t, fake)

	b := newBrowser(t, ctx, y4m, "en-US")
	b.do(chromedp.Navigate(base + "?type=identification_card&endpoint=" + url.QueryEscape(endpoint)))
	b.waitState("live", time.Minute)
	// A kiosk's own script passes the endpoint's credentials.
	eval[bool](b, `(window.preflightCapture.options.headers = {Authorization: 'Bearer `+token+`'}, true)`)
	eval[bool](b, `(window.seen = [], document.getElementById('capture').addEventListener('preflight:instruction', (e) => window.seen.push(e.detail.key)), true)`)
	b.screenshot("1-live")
	// A picture of the guidance with the outline drawn, for people to look
	// at (not asserted: which instruction a slow machine shows first
	// depends on which frames it manages to analyse).
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`['glare', 'steady', 'whole', 'closer', 'back_off'].includes(document.getElementById('capture').dataset.instruction)`,
		chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(20*time.Second))); err == nil {
		b.screenshot("1-live-guidance")
	}

	var front summary
	for _, side := range []string{"front", "back"} {
		b.waitState("review", 3*time.Minute)
		b.screenshot("2-review-" + side)
		if eval[string](b, `document.getElementById('capture').dataset.valid`) != "true" {
			t.Fatalf("%s side rejected: %s", side, eval[string](b, `document.querySelector('.pf-review').innerText`))
		}
		if side == "front" {
			front = eval[summary](b, `window.preflightCapture.summary()`)
			// The page guided before it captured, and "hold" came last.
			seen := eval[[]string](b, `window.seen`)
			t.Logf("instructions shown: %v", seen)
			require.NotEmpty(t, seen)
			assert.NotEqual(t, "hold", seen[0])
			assert.Equal(t, "hold", seen[len(seen)-1])
		}
		b.do(chromedp.Click(`[data-ref=use]`, chromedp.NodeVisible))
	}
	b.waitState("done", 30*time.Second)
	b.screenshot("3-done")

	// The page captured by itself, not through the button.
	assert.False(t, front.Manual)
	require.NotNil(t, front.ReadyToCaptureMs)
	require.NotNil(t, front.StableToCaptureMs)
	t.Logf("front: %d frames analysed at %.1f frames/s (%.1f ms each in the worker); steady → capture %.0f ms, ready → capture %.0f ms; still checked in %.0f ms",
		front.Frames, front.FPS, front.AnalyseMsMean, *front.StableToCaptureMs, *front.ReadyToCaptureMs, deref(front.CheckMs))

	got := waitReceived(t, ctx, fake)
	assert.Equal(t, "identification_card", got.DocumentType)
	assert.Equal(t, "DESKTOP", got.Device)
	for side, jpg := range map[string][]byte{"front": got.Front, "back": got.Back} {
		assert.LessOrEqual(t, len(jpg), 2_000_000, side)
		s, err := preflight.ParseSide(side)
		require.NoError(t, err)
		// The bytes uploaded pass the native checker too, not only the
		// page's wasm build.
		rep, err := preflight.Check(ctx, jpg, preflight.WithSide(s), preflight.WithDocumentType(preflight.IDCard))
		require.NoError(t, err, side)
		assert.True(t, rep.Valid, "%s: native check %d %s", side, rep.ErrorCode, rep.Error)
		t.Logf("%s: %d bytes, %dx%d, native check valid=%v", side, len(jpg), rep.Width, rep.Height, rep.Valid)
	}
	assert.Contains(t, eval[string](b, `document.querySelector('[role=status]').textContent`), "Sent")
}

// waitReceived waits for the fake endpoint to have one upload.
func waitReceived(t *testing.T, ctx context.Context, fake *ocrtest.Server) ocrtest.Received {
	t.Helper()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		if r := fake.Received(); len(r) > 0 {
			require.Len(t, r, 1)
			return r[0]
		}
		select {
		case <-ctx.Done():
			t.Fatalf("the endpoint received nothing (%d attempts)", fake.Attempts())
		case <-tick.C:
		}
	}
}

func deref(p *float64) float64 {
	if p == nil {
		return -1
	}
	return *p
}
