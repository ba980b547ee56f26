package synth

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

func TestNewDocumentSizeAndPortrait(t *testing.T) {
	tests := []struct {
		kind   Kind
		w, h   int
		aspect float64
	}{
		{ID1, 856, 540, 85.6 / 54},
		{ID3, 1250, 880, 125.0 / 88},
	}
	for _, tc := range tests {
		t.Run(tc.kind.String(), func(t *testing.T) {
			d := NewDocument(tc.kind, 7)
			assert.Equal(t, tc.w, d.Img.W)
			assert.Equal(t, tc.h, d.Img.H)
			assert.Len(t, d.Img.Pix, 3*tc.w*tc.h)
			assert.InDelta(t, tc.aspect, d.Aspect(), 0.005)
			p := d.Portrait
			assert.True(t, p.X0 > 0 && p.Y0 > 0 && p.X1 < tc.w && p.Y1 < tc.h, "portrait %v inside the document", p)
			// A portrait is taller than wide, as on real documents.
			assert.Greater(t, p.Dy(), p.Dx())
		})
	}
}

func TestNewDocumentDeterministic(t *testing.T) {
	a, b, c := NewDocument(ID1, 42), NewDocument(ID1, 42), NewDocument(ID1, 43)
	assert.Equal(t, a.Img.Pix, b.Img.Pix)
	assert.NotEqual(t, a.Img.Pix, c.Img.Pix)
}

func TestSetPortrait(t *testing.T) {
	d := NewDocument(ID3, 1)
	face := vision.NewRGB(30, 40)
	for i := range face.Pix {
		face.Pix[i] = 77
	}
	require.NoError(t, d.SetPortrait(face))
	p := d.Portrait
	for _, pt := range [][2]int{{p.X0, p.Y0}, {p.X1 - 1, p.Y1 - 1}, {(p.X0 + p.X1) / 2, (p.Y0 + p.Y1) / 2}} {
		i := 3 * (pt[1]*d.Img.W + pt[0])
		assert.Equal(t, []uint8{77, 77, 77}, d.Img.Pix[i:i+3], "pixel %v", pt)
	}
	// Just outside the box is untouched document.
	i := 3 * ((p.Y0-1)*d.Img.W + p.X0)
	assert.NotEqual(t, []uint8{77, 77, 77}, d.Img.Pix[i:i+3])

	assert.Error(t, d.SetPortrait(nil))
	assert.Error(t, d.SetPortrait(&vision.RGB{}))
}

func TestDocumentsDoNotClip(t *testing.T) {
	// No pixel of a fresh document is near white: the glare and exposure
	// degradations are the only source of clipping.
	for seed := range int64(20) {
		for _, k := range []Kind{ID1, ID3} {
			d := NewDocument(k, seed)
			for i := 0; i < len(d.Img.Pix); i += 3 {
				if d.Img.Pix[i] >= 240 && d.Img.Pix[i+1] >= 240 && d.Img.Pix[i+2] >= 240 {
					t.Fatalf("%v seed %d: near-white pixel at %d", k, seed, i/3)
				}
			}
		}
	}
}
