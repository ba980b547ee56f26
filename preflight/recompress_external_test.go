package preflight

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// goImage is an ExternalImage backed by the Go decoder and StdEncoder:
// the same pixels and encoder as Recompress's pure build, so both entry
// points must produce the same bytes.
type goImage struct {
	src     *recompressSource
	encodes int    // Encode and EncodeProbe calls
	pixels  int    // Pixels calls
	fail    error  // returned by every method when set
	junk    []byte // returned by Encode instead of a JPEG when set
}

func (g *goImage) Name() string { return "go-test" }

func (g *goImage) Encode(w, h, q int) ([]byte, error) {
	g.encodes++
	if g.fail != nil || g.junk != nil {
		return g.junk, g.fail
	}
	return StdEncoder{}.Encode(g.src.at(w, h).Image(), q)
}

func (g *goImage) EncodeProbe(p ProbeGrid, w, h, q int) ([]byte, error) {
	g.encodes++
	if g.fail != nil {
		return nil, g.fail
	}
	return StdEncoder{}.Encode(probeMosaic(g.src.at(w, h), p), q)
}

func (g *goImage) Pixels(w, h int) ([]byte, error) {
	g.pixels++
	if g.fail != nil {
		return nil, g.fail
	}
	return g.src.at(w, h).Image().Pix, nil
}

// noisyPhoto is a PNG of a card on wood with sensor noise: large for its
// pixels, so a small budget forces a re-encode.
func noisyPhoto(t *testing.T, w, h int) []byte {
	t.Helper()
	s := synth.NewScene(w, h, synth.Wood, 9)
	q := synth.Pose{Center: vision.Point{X: float64(w) / 2, Y: float64(h) / 2}, Width: 0.6 * float64(w)}.Quad(synth.ID1.Aspect())
	require.NoError(t, s.Place(synth.NewDocument(synth.ID1, 9), q, 0.3))
	png, err := synth.EncodePNG(synth.Noise(s.Img, 6, 9))
	require.NoError(t, err)
	return png
}

func TestRecompressExternalMatchesRecompress(t *testing.T) {
	// At most floorDetectSide wide, so the floor is found on the same
	// pixels by both (larger, the external path detects on a copy).
	data := noisyPhoto(t, 1000, 750)
	src, err := decodeForRecompress(data, DefaultMaxPixels)
	require.NoError(t, err)
	for _, budget := range []int{250_000, 60_000} {
		want, wantInfo, err := Recompress(data, MaxBytes(budget), WithEncoder(StdEncoder{}), Verify(false))
		require.NoError(t, err)
		img := &goImage{src: src}
		got, info, err := RecompressExternal(data, img, MaxBytes(budget), Verify(false))
		require.NoError(t, err)
		assert.Equal(t, want, got, "budget %d", budget)
		assert.LessOrEqual(t, len(got), budget)
		assert.Equal(t, "go-test", info.Encoder)
		info.Encoder = wantInfo.Encoder
		info.TimingsMS, wantInfo.TimingsMS = nil, nil // stages differ: no decode in Go
		assert.Equal(t, wantInfo, info)
		assert.Equal(t, len(info.Attempts), img.encodes, "one encode per attempt")
		assert.LessOrEqual(t, img.pixels, 1, "the floor's pixels at most once")
	}
}

func TestRecompressExternalKeepsCompliantJPEG(t *testing.T) {
	jpg, err := synth.EncodeJPEG(synth.NewScene(320, 240, synth.Wood, 1).Img, 85)
	require.NoError(t, err)
	img := &goImage{}
	out, info, err := RecompressExternal(jpg, img, Verify(false))
	require.NoError(t, err)
	assert.Equal(t, jpg, out)
	assert.Equal(t, ActionUntouched, info.Action)
	assert.Zero(t, img.encodes+img.pixels, "nothing to encode")
}

func TestRecompressExternalErrors(t *testing.T) {
	data := noisyPhoto(t, 400, 300)
	src, err := decodeForRecompress(data, DefaultMaxPixels)
	require.NoError(t, err)
	boom := errors.New("canvas lost")
	tests := []struct {
		name string
		data []byte
		img  ExternalImage
		want error
	}{
		{"nil image", data, nil, ErrInvalidOption},
		{"empty input", nil, &goImage{src: src}, ErrEmpty},
		{"not an image", []byte("not an image at all"), &goImage{src: src}, ErrUnsupportedFormat},
		{"encoder fails", data, &goImage{src: src, fail: boom}, boom},
		{"encoder returns no JPEG", data, &goImage{src: src, junk: []byte("PNG?")}, ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := RecompressExternal(tt.data, tt.img, MaxBytes(20_000), Verify(false))
			require.ErrorIs(t, err, tt.want)
		})
	}
}
