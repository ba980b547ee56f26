//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
	"github.com/idpreflight/idpreflight/preflight"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rejectedPhoto renders a 1280×960 photo: the card cut by the right edge
// (cropped) or no card at all.
func rejectedPhoto(t *testing.T, cropped bool) string {
	t.Helper()
	s := synth.NewScene(1280, 960, synth.Wood, 5)
	if cropped {
		doc := synth.NewDocument(synth.ID1, 5)
		q := synth.Pose{Center: vision.Point{X: 1150, Y: 480}, Width: 800, Roll: 3}.Quad(doc.Aspect())
		require.NoError(t, s.Place(doc, q, 0.3))
	}
	jpg, err := synth.EncodeJPEG(s.Img, 90)
	require.NoError(t, err)
	p := filepath.Join(t.TempDir(), "photo.jpg")
	require.NoError(t, os.WriteFile(p, jpg, 0o644))
	return p
}

func TestFileInputShowsWhyAPhotoIsRejected(t *testing.T) {
	base := startServe(t)
	cases := []struct {
		name    string
		lang    string
		cropped bool
		// first is the text of the first reason, when the case fixes it:
		// an empty scene is 819 whatever the detector's tuning; which codes
		// a cropped card gets depends on the detector, so that case checks
		// that the page lists exactly the codes the native check gives.
		first string
	}{
		{"cropped card, English", "en-US", true, ""},
		{"no card, Spanish", "es-ES", false, "No se encontró ningún documento en la foto."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := withTimeout(t, 5*time.Minute)
			photo := rejectedPhoto(t, c.cropped)
			data, err := os.ReadFile(photo)
			require.NoError(t, err)
			want, err := preflight.Check(ctx, data)
			require.NoError(t, err)
			require.False(t, want.Valid, "the fixture must be rejected")

			b := newBrowser(t, ctx, "", c.lang)
			b.do(chromedp.Navigate(base + "?camera=off&type=identification_card"))
			b.waitState("file", time.Minute)
			b.screenshot("1-file")
			b.do(chromedp.SetUploadFiles(`input[type=file]`, []string{photo}))
			b.waitState("review", 3*time.Minute)
			b.screenshot("2-rejected")

			assert.Equal(t, "false", eval[string](b, `document.getElementById('capture').dataset.valid`))
			var wantCodes []string
			for _, code := range want.Codes() {
				wantCodes = append(wantCodes, code.String())
			}
			shown := eval[[]string](b, `[...document.querySelectorAll('[data-ref=reasons] li')].map((li) => li.dataset.code)`)
			assert.Equal(t, wantCodes, shown, "reasons shown, in priority order")
			texts := eval[[]string](b, `[...document.querySelectorAll('[data-ref=reasons] li')].map((li) => li.textContent)`)
			for i, text := range texts {
				assert.NotContains(t, text, "code.", "reason %d has no message", i)
			}
			if c.first != "" && assert.NotEmpty(t, texts) {
				assert.Equal(t, c.first, texts[0])
			}
			// Only a retake is offered, and it has the keyboard focus.
			assert.True(t, eval[bool](b, `document.querySelector('[data-ref=use]').hidden`))
			assert.Equal(t, "retake", eval[string](b, `document.activeElement?.dataset.ref ?? ''`))
			// The verdict and the main reason are announced through the live region.
			if len(texts) > 0 {
				assert.Contains(t, eval[string](b, `document.querySelector('[role=status][aria-live]').textContent`), texts[0])
			}
		})
	}
}
