package preflight

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// geometryCodes are the codes decided on the document outline alone.
var geometryCodes = []Code{CodeNoDocument, CodeCropped, CodeTooSmall, CodeOutside, CodeMultiple, CodeNearEdge}

// failing returns the report's failing codes among those listed.
func failing(rep *Report, among []Code) []Code {
	var out []Code
	for _, c := range rep.Codes() {
		if slices.Contains(among, c) {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}

func quadsOf(s *synth.Scene) []Quad {
	var out []Quad
	for _, q := range s.Quads {
		out = append(out, quadFromVision(q))
	}
	return out
}

// TestCheckSceneFixturesWithGivenQuads runs the whole pipeline on the
// committed scenes with their exact outlines given (detection skipped):
// decode, geometry, rectification and the in-document measures must
// agree with what each scene was made to show.
func TestCheckSceneFixturesWithGivenQuads(t *testing.T) {
	for _, f := range sceneFixtures() {
		t.Run(f.file, func(t *testing.T) {
			s, err := f.build()
			require.NoError(t, err)
			data := readFixture(t, filepath.Join("scenes", f.file))
			opts := []Option{WithDocumentType(f.docType)}
			if len(s.Quads) > 0 {
				opts = append(opts, WithDocumentQuads(quadsOf(s)...))
			}
			rep, err := Check(context.Background(), data, opts...)
			require.NoError(t, err)
			assert.Equal(t, [2]int{fixW, fixH}, [2]int{rep.Width, rep.Height})
			want := slices.Clone(f.want)
			slices.Sort(want)
			assert.Equal(t, want, failing(rep, geometryCodes))
			// The scenes are evenly lit: never too dark or too bright.
			assert.False(t, rep.Failed(CodeExposure), "828: %v", rep.Metrics)
			if len(s.Quads) > 0 {
				require.NotNil(t, rep.Document)
				assert.Equal(t, quadsOf(s), rep.Document.Quads)
			}
		})
	}
}

// TestCheckExposureOnSyntheticScenes changes the exposure of a valid
// scene in linear light, as a camera would, at known strengths.
func TestCheckExposureOnSyntheticScenes(t *testing.T) {
	s, err := sceneFixtures()[0].build()
	require.NoError(t, err)
	tests := []struct {
		ev   float64
		want bool
	}{
		{-4, true},
		{0, false},
		{3, true},
	}
	for _, tc := range tests {
		data, err := synth.EncodeJPEG(synth.Exposure(s.Img, tc.ev), 92)
		require.NoError(t, err)
		rep, err := Check(context.Background(), data, WithDocumentQuads(quadsOf(s)...))
		require.NoError(t, err)
		assert.Equal(t, tc.want, rep.Failed(CodeExposure), "EV %+v: %v", tc.ev, rep.Metrics)
	}
}

func TestCheckReportsTimingsAndEngine(t *testing.T) {
	data := readFixture(t, "scenes/valid_id_card.jpg")
	rep, err := Check(context.Background(), data)
	require.NoError(t, err)
	for _, stage := range []string{"decode", "detect", "geometry", "total"} {
		assert.Contains(t, rep.TimingsMS, stage)
		assert.GreaterOrEqual(t, rep.TimingsMS[stage], 0.0)
	}
	assert.GreaterOrEqual(t, rep.TimingsMS["total"], rep.TimingsMS["decode"])
	assert.Equal(t, Engine().Name, rep.Engine)
	assert.NotNil(t, rep.Issues, "issues is [] in JSON, never null")
}

func TestCheckHonoursCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Check(ctx, readFixture(t, "scenes/valid_id_card.jpg"))
	assert.True(t, errors.Is(err, context.Canceled), "got %v", err)
}

func TestCheckImageMatchesCheckOnPixels(t *testing.T) {
	s, err := sceneFixtures()[2].build() // cropped
	require.NoError(t, err)
	rep, err := CheckImage(context.Background(), s.Img.Image(), WithDocumentQuads(quadsOf(s)...))
	require.NoError(t, err)
	assert.Equal(t, []Code{CodeCropped, CodeOutside}, failing(rep, geometryCodes))

	_, err = CheckImage(context.Background(), nil)
	assert.ErrorIs(t, err, ErrInvalidOption)
	_, err = CheckImage(context.Background(), vision.NewRGB(0, 0).Image())
	assert.ErrorIs(t, err, ErrEmpty)
}
