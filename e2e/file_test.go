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
		code    string
		text    string
	}{
		{"cropped card, English", "en-US", true, "821", "Part of the document is cut off."},
		{"no card, Spanish", "es-ES", false, "819", "No se encontró ningún documento en la foto."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := withTimeout(t, 2*time.Minute)
			photo := rejectedPhoto(t, c.cropped)
			b := newBrowser(t, ctx, "", c.lang)
			b.do(chromedp.Navigate(base + "?camera=off&type=identification_card"))
			b.waitState("file", time.Minute)
			b.screenshot("1-file")
			b.do(chromedp.SetUploadFiles(`input[type=file]`, []string{photo}))
			b.waitState("review", time.Minute)
			b.screenshot("2-rejected")

			assert.Equal(t, "false", eval[string](b, `document.getElementById('capture').dataset.valid`))
			reason := eval[string](b, `document.querySelector('[data-ref=reasons] li')?.dataset.code ?? ''`)
			assert.Equal(t, c.code, reason, "first reason shown")
			assert.Equal(t, c.text, eval[string](b, `document.querySelector('[data-ref=reasons] li')?.textContent ?? ''`))
			// Only a retake is offered, and it has the keyboard focus.
			assert.True(t, eval[bool](b, `document.querySelector('[data-ref=use]').hidden`))
			assert.Equal(t, "retake", eval[string](b, `document.activeElement?.dataset.ref ?? ''`))
			// The verdict is announced through the live region.
			assert.NotEmpty(t, eval[string](b, `document.querySelector('[role=status][aria-live]').textContent`))
		})
	}
}
