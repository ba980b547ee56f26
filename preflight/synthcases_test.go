package preflight

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// synthCase is a synthetic photo with exact ground truth, encoded as the
// endpoint would receive it.
type synthCase struct {
	name    string
	jpeg    []byte
	docType DocumentType
	truth   []vision.Quad // documents placed, main first
}

// synthCases renders a deterministic set of w×h scenes that covers the
// geometry codes and the usual degradations: documents of both formats on
// every background, tilted and rolled, near an edge, cropped, small, two
// at once, none at all, blurred, dark, glared and over-compressed. limit
// > 0 renders only the first limit cases.
func synthCases(t testing.TB, w, h, limit int) []synthCase {
	t.Helper()
	fw, fh := float64(w), float64(h)
	c := vision.Point{X: fw / 2, Y: fh / 2}
	type spec struct {
		name    string
		kind    synth.Kind
		bg      synth.Background
		poses   []synth.Pose
		degrade func(*vision.RGB, []vision.Quad) *vision.RGB
		quality int
	}
	none := func(m *vision.RGB, _ []vision.Quad) *vision.RGB { return m }
	specs := []spec{
		{"nodoc", synth.ID1, synth.Clutter, nil, none, 90},
		{"nodoc wood", synth.ID1, synth.Wood, nil, none, 90},
	}
	bgs := []synth.Background{synth.Plain, synth.Gradient, synth.Wood, synth.Clutter}
	for i, bg := range bgs {
		for j, kind := range []synth.Kind{synth.ID1, synth.ID3} {
			roll := float64(7*i - 10 + 5*j)
			specs = append(specs,
				spec{fmt.Sprintf("centred bg%d %s", i, kind), kind, bg,
					[]synth.Pose{{Center: c, Width: 0.62 * fw, Roll: roll, TiltX: float64(4 * i)}}, none, 92},
				spec{fmt.Sprintf("tilted bg%d %s", i, kind), kind, bg,
					[]synth.Pose{{Center: vision.Point{X: 0.45 * fw, Y: 0.55 * fh}, Width: 0.55 * fw, Roll: -roll, TiltY: 18, TiltX: -10}}, none, 88},
			)
		}
		specs = append(specs,
			spec{fmt.Sprintf("near edge bg%d", i), synth.ID1, bg,
				[]synth.Pose{{Center: vision.Point{X: 0.5 * fw, Y: 0.5 * fh}, Width: 0.975 * fw}}, none, 90},
			spec{fmt.Sprintf("cropped bg%d", i), synth.ID1, bg,
				[]synth.Pose{{Center: vision.Point{X: 0.72 * fw, Y: 0.5 * fh}, Width: 0.7 * fw, Roll: 3}}, none, 90},
			spec{fmt.Sprintf("small bg%d", i), synth.ID1, bg,
				[]synth.Pose{{Center: vision.Point{X: 0.4 * fw, Y: 0.6 * fh}, Width: 0.22 * fw, Roll: 12}}, none, 90},
			spec{fmt.Sprintf("two bg%d", i), synth.ID1, bg,
				[]synth.Pose{{Center: vision.Point{X: 0.27 * fw, Y: 0.5 * fh}, Width: 0.4 * fw, Roll: 5},
					{Center: vision.Point{X: 0.73 * fw, Y: 0.5 * fh}, Width: 0.4 * fw, Roll: -6}}, none, 90},
			spec{fmt.Sprintf("blurred bg%d", i), synth.ID1, bg,
				[]synth.Pose{{Center: c, Width: 0.6 * fw, Roll: 4}},
				func(m *vision.RGB, _ []vision.Quad) *vision.RGB { return synth.GaussianBlur(m, 2.5+float64(i)) }, 90},
			spec{fmt.Sprintf("dark bg%d", i), synth.ID1, bg,
				[]synth.Pose{{Center: c, Width: 0.6 * fw, Roll: -4}},
				func(m *vision.RGB, _ []vision.Quad) *vision.RGB { return synth.Exposure(m, -2.5) }, 90},
			spec{fmt.Sprintf("glare bg%d", i), synth.ID1, bg,
				[]synth.Pose{{Center: c, Width: 0.6 * fw, Roll: 2}},
				func(m *vision.RGB, q []vision.Quad) *vision.RGB {
					return synth.AddGlare(m, synth.GlareOn(q[0], 0.35, 0.4, 0.06))
				}, 90},
			spec{fmt.Sprintf("compressed bg%d", i), synth.ID1, bg,
				[]synth.Pose{{Center: c, Width: 0.6 * fw, Roll: 6}}, none, 12},
		)
	}
	if limit > 0 && limit < len(specs) {
		specs = specs[:limit]
	}
	out := make([]synthCase, 0, len(specs))
	for k, s := range specs {
		seed := int64(100 + k)
		sc := synth.NewScene(w, h, s.bg, seed)
		for n, p := range s.poses {
			doc := synth.NewDocument(s.kind, seed+int64(n))
			require.NoError(t, sc.Place(doc, p.Quad(s.kind.Aspect()), 0.35), s.name)
		}
		data, err := synth.EncodeJPEG(s.degrade(sc.Img, sc.Quads), s.quality)
		require.NoError(t, err, s.name)
		dt := IDCard
		if s.kind == synth.ID3 {
			dt = Passport
		}
		out = append(out, synthCase{name: s.name, jpeg: data, docType: dt, truth: sc.Quads})
	}
	return out
}
