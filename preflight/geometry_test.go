package preflight

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// The geometry tests use a 1000×600 frame: D = 600, so with the default
// thresholds 823 starts at a corner 6 px outside, 825 fails under 9 px
// and warns under 18 px, and 822 starts under 60 000 px² (10 %).
const geoW, geoH = 1000, 600

func rect(x0, y0, x1, y1 float64) vision.Quad {
	return vision.Quad{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
}

// geometryReport runs checkGeometry on exact quads, as a detector that is
// always right would report them.
func geometryReport(quads ...vision.Quad) *Report {
	rep := &Report{Width: geoW, Height: geoH, Metrics: map[string]float64{}, TimingsMS: map[string]float64{}}
	var dets []vision.Detection
	for _, q := range quads {
		dets = append(dets, vision.Detection{Quad: q, Score: 1})
	}
	checkGeometry(rep, dets, DefaultThresholds())
	rep.finish()
	return rep
}

func TestCheckGeometryThresholds(t *testing.T) {
	centred := rect(200, 150, 800, 450)
	tests := []struct {
		name  string
		quads []vision.Quad
		want  []Code // failing codes, in priority order
		warn  []Code // warnings
	}{
		{"819 nothing found", nil, []Code{CodeNoDocument}, nil},
		{"valid, centred, 30 % of the frame", []vision.Quad{centred}, nil, nil},

		{"822 area 9.995 %", []vision.Quad{rect(350, 200, 650, 399.9)}, []Code{CodeTooSmall}, nil},
		{"822 not at 10.005 %", []vision.Quad{rect(350, 200, 650, 400.1)}, nil, nil},

		{"825 left margin 8.9 px", []vision.Quad{rect(8.9, 150, 608.9, 450)}, []Code{CodeNearEdge}, nil},
		{"825 bottom margin 8.9 px", []vision.Quad{rect(200, 150, 800, geoH-8.9)}, []Code{CodeNearEdge}, nil},
		{"825 only a warning at 9.1 px", []vision.Quad{rect(9.1, 150, 609.1, 450)}, nil, []Code{CodeNearEdge}},
		{"825 warning up to 17.9 px", []vision.Quad{rect(200, 17.9, 800, 450)}, nil, []Code{CodeNearEdge}},
		{"825 nothing at 18.1 px", []vision.Quad{rect(200, 150, geoW-18.1, 450)}, nil, nil},
		{"825 touching the edge", []vision.Quad{rect(0, 150, 600, 450)}, []Code{CodeNearEdge}, nil},

		{"823 corner 6.1 px out", []vision.Quad{{{X: -6.1, Y: 200}, {X: 600, Y: 150}, {X: 620, Y: 450}, {X: 40, Y: 480}}},
			[]Code{CodeOutside}, nil},
		{"823 not at 5.9 px out, but 825: on the edge", []vision.Quad{{{X: -5.9, Y: 200}, {X: 600, Y: 150}, {X: 620, Y: 450}, {X: 40, Y: 480}}},
			[]Code{CodeNearEdge}, nil},
		{"825 a fitted corner 0.4 px past the edge", []vision.Quad{rect(-0.4, 150, 599.6, 450)}, []Code{CodeNearEdge}, nil},
		{"823 diagonal distance 7.07 px", []vision.Quad{{{X: -5, Y: -5}, {X: 600, Y: 40}, {X: 620, Y: 400}, {X: 40, Y: 420}}},
			[]Code{CodeOutside}, nil},
		{"823 not at diagonal 5.66 px, but 825", []vision.Quad{{{X: -4, Y: -4}, {X: 600, Y: 40}, {X: 620, Y: 400}, {X: 40, Y: 420}}},
			[]Code{CodeNearEdge}, nil},

		{"821 visible 96.9 %", []vision.Quad{rect(geoW-581.4, 150, geoW+18.6, 450)}, []Code{CodeCropped, CodeOutside}, nil},
		{"821 not at visible 97.1 %", []vision.Quad{rect(geoW-582.6, 150, geoW+17.4, 450)}, []Code{CodeOutside}, nil},
		{"821 half the document gone", []vision.Quad{rect(-300, 150, 300, 450)}, []Code{CodeCropped, CodeOutside}, nil},

		{"824 two documents", []vision.Quad{rect(50, 150, 450, 400), rect(550, 150, 950, 400)}, []Code{CodeMultiple}, nil},
		{"824 and the worst of both", []vision.Quad{rect(50, 150, 450, 400), rect(700, 150, 1100, 400)},
			[]Code{CodeMultiple, CodeCropped, CodeOutside}, nil},
		{"824 with a second document near the edge", []vision.Quad{rect(50, 150, 450, 400), rect(550, 150, geoW-5, 400)},
			[]Code{CodeMultiple, CodeNearEdge}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := geometryReport(tc.quads...)
			assert.Equal(t, tc.want, rep.Codes())
			var warns []Code
			for _, is := range rep.Issues {
				assert.Equal(t, is.Code.Message(), is.Message)
				if is.Severity == Warn {
					warns = append(warns, is.Code)
				}
			}
			assert.Equal(t, tc.warn, warns)
			assert.Equal(t, len(tc.want) == 0, rep.Valid)
			if len(tc.want) > 0 {
				assert.Equal(t, tc.want[0], rep.ErrorCode)
				assert.Equal(t, tc.want[0].Message(), rep.Error)
			}
		})
	}
}

func TestCheckGeometryDocumentFields(t *testing.T) {
	q := rect(geoW-300, 100, geoW+100, 300) // 400×200, a quarter outside
	rep := geometryReport(q)
	require.NotNil(t, rep.Document)
	assert.InDelta(t, 0.75, rep.Document.VisibleFraction, 1e-12)
	assert.InDelta(t, 300.0*200/(geoW*geoH), rep.Document.AreaFraction, 1e-12)
	assert.Equal(t, []Quad{quadFromVision(q)}, rep.Document.Quads)
	assert.Equal(t, "identification_card", rep.Document.Type, "2:1 is nearer 1.586 than 1.42")
	assert.InDelta(t, 100.0, rep.Metrics["outside_px"], 1e-12)
	// The 821 issue's region is the quad's box clipped to the frame.
	for _, is := range rep.Issues {
		if is.Code == CodeCropped {
			assert.Equal(t, []Region{{X: geoW - 300, Y: 100, W: 300, H: 200}}, is.Regions)
		}
	}
}

func TestGuessType(t *testing.T) {
	tests := []struct {
		name string
		q    vision.Quad
		want string
	}{
		{"ID-1 landscape", rect(0, 0, 856, 540), "identification_card"},
		{"ID-3 landscape", rect(0, 0, 1250, 880), "passport"},
		{"ID-1 portrait", rect(0, 0, 540, 856), "identification_card"},
		{"ID-3 portrait", rect(0, 0, 880, 1250), "passport"},
		{"degenerate", vision.Quad{}, ""},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, guessType(tc.q), tc.name)
	}
}

func TestMeasureQuad(t *testing.T) {
	tests := []struct {
		name string
		q    vision.Quad
		want quadGeometry
	}{
		{"inside", rect(100, 50, 300, 150),
			quadGeometry{visible: 1, inside: true, margin: 50, areaFraction: 20000.0 / (geoW * geoH)}},
		{"past the top", rect(100, -50, 300, 150),
			quadGeometry{visible: 0.75, outside: 50, areaFraction: 30000.0 / (geoW * geoH)}},
		{"entirely outside", rect(-300, -300, -100, -100),
			quadGeometry{visible: 0, outside: 300 * 1.4142135623730951, areaFraction: 0}}, // the farthest corner
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := measureQuad(tc.q, geoW, geoH)
			assert.InDelta(t, tc.want.visible, g.visible, 1e-12)
			assert.InDelta(t, tc.want.outside, g.outside, 1e-9)
			assert.Equal(t, tc.want.inside, g.inside)
			assert.InDelta(t, tc.want.margin, g.margin, 1e-12)
			assert.InDelta(t, tc.want.areaFraction, g.areaFraction, 1e-12)
		})
	}
}
