package preflight

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/evalset"
	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// update regenerates the committed fixtures in ../testdata from
// internal/synth: go test ./preflight -run TestFixtures -update
// (or go generate ./preflight).
var update = flag.Bool("update", false, "rewrite testdata fixtures from internal/synth")

// Scene fixtures are 1280×720, D = 720: 1 % of D is 7.2 px, 2 % is 14.4 px.
const fixW, fixH = 1280, 720

// sceneFixture is one committed scene: how it is made and which geometry
// codes its exact ground truth must produce.
type sceneFixture struct {
	file    string
	docType DocumentType
	build   func() (*synth.Scene, error)
	want    []Code // failing geometry codes of the ground truth
	notes   string
}

// place renders docs at poses on a background. Every portrait is the
// public-domain photo of Grace Hopper (testdata/README.md), which the
// face cascade finds, so that a valid scene passes 820 too.
func place(bg synth.Background, seed int64, docs ...posed) (*synth.Scene, error) {
	face, err := hopperFace()
	if err != nil {
		return nil, err
	}
	s := synth.NewScene(fixW, fixH, bg, seed)
	for i, d := range docs {
		doc := synth.NewDocument(d.kind, seed+int64(i))
		if err := doc.SetPortrait(face); err != nil {
			return nil, err
		}
		if err := s.Place(doc, d.pose.Quad(doc.Aspect()), 0.35); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// hopperFace reads the face photo used on the fixtures' documents.
func hopperFace() (*vision.RGB, error) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "grace_hopper_256.jpg"))
	if err != nil {
		return nil, err
	}
	img, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return vision.FromImage(img), nil
}

type posed struct {
	kind synth.Kind
	pose synth.Pose
}

func at(x, y, width, roll float64) synth.Pose {
	return synth.Pose{Center: vision.Point{X: x, Y: y}, Width: width, Roll: roll}
}

func tilted(p synth.Pose, tx, ty float64) synth.Pose {
	p.TiltX, p.TiltY = tx, ty
	return p
}

func sceneFixtures() []sceneFixture {
	return []sceneFixture{
		{"valid_id_card.jpg", IDCard, func() (*synth.Scene, error) {
			return place(synth.Wood, 11, posed{synth.ID1, tilted(at(640, 370, 700, 4), 12, -8)})
		}, nil, "ID-1 card on wood, mild perspective, a third of the frame"},
		{"valid_passport.jpg", Passport, func() (*synth.Scene, error) {
			return place(synth.Gradient, 12, posed{synth.ID3, tilted(at(640, 360, 760, -3), -8, 6)})
		}, nil, "ID-3 passport page on a gradient"},
		{"cropped.jpg", IDCard, func() (*synth.Scene, error) {
			return place(synth.Plain, 13, posed{synth.ID1, at(1150, 360, 700, 0)})
		}, []Code{CodeCropped, CodeOutside}, "right third of the card beyond the frame"},
		{"outside.jpg", IDCard, func() (*synth.Scene, error) {
			return place(synth.Gradient, 14, posed{synth.ID1, at(1292-400, 360, 800, 0)})
		}, []Code{CodeOutside}, "right edge 12 px (1.7 % of D) past the frame, 98.5 % visible"},
		{"near_edge.jpg", IDCard, func() (*synth.Scene, error) {
			return place(synth.Wood, 15, posed{synth.ID1, at(8+350, 360, 700, 0)})
		}, []Code{CodeNearEdge}, "left edge 8 px (1.1 % of D) from the frame"},
		{"too_small.jpg", IDCard, func() (*synth.Scene, error) {
			return place(synth.Wood, 16, posed{synth.ID1, at(600, 380, 260, 12)})
		}, []Code{CodeTooSmall}, "card covers 4.6 % of the frame"},
		{"two_documents.jpg", IDCard, func() (*synth.Scene, error) {
			return place(synth.Plain, 17, posed{synth.ID1, at(330, 380, 480, -5)}, posed{synth.ID3, at(950, 360, 480, 6)})
		}, []Code{CodeMultiple}, "an ID-1 card and an ID-3 page side by side"},
		{"no_document.jpg", IDCard, func() (*synth.Scene, error) {
			return place(synth.Clutter, 18)
		}, []Code{CodeNoDocument}, "desk clutter, no document"},
	}
}

// finishFixture adds the mild sensor noise and uneven light of a phone
// photo and encodes at quality 80.
func finishFixture(s *synth.Scene) ([]byte, error) {
	img := synth.Noise(synth.LightGradient(s.Img, 0.15, 30), 1.5, 1)
	return synth.EncodeJPEG(img, 80)
}

// fixtureLabels writes the scenes' ground truth in the evaluation-set
// schema, so that `preflight eval --labels testdata/scenes/labels.json`
// scores the checker on them.
func fixtureLabels(t *testing.T, fx []sceneFixture, scenes []*synth.Scene) []byte {
	t.Helper()
	conv := func(qs []vision.Quad) [][4][2]float64 {
		out := [][4][2]float64{}
		for _, q := range qs {
			var a [4][2]float64
			for i, p := range q {
				a[i] = [2]float64{round1(p.X), round1(p.Y)}
			}
			out = append(out, a)
		}
		return out
	}
	yes, no := true, false
	var cases []evalset.Case
	for i, f := range fx {
		expect := map[string]*bool{}
		for _, c := range AllCodes {
			switch {
			case slices.Contains(f.want, c):
				expect[c.String()] = &yes
			case c == CodeNoDocument || c == CodeCropped || c == CodeTooSmall || c == CodeOutside ||
				c == CodeMultiple || c == CodeNearEdge:
				expect[c.String()] = &no
			default:
				expect[c.String()] = nil // picture quality: not designed in
			}
		}
		id := f.file[:len(f.file)-len(filepath.Ext(f.file))]
		cases = append(cases, evalset.Case{ID: id, File: f.file, Variant: "synth", Side: "front",
			DocumentType: f.docType.String(), Width: fixW, Height: fixH,
			Quads: conv(scenes[i].Quads), Portraits: conv(scenes[i].Portraits),
			Expect: expect, Set: "synth", Flags: []string{}})
	}
	codes := map[string]string{}
	for _, c := range AllCodes {
		codes[c.String()] = c.Message()
	}
	b, err := json.MarshalIndent(evalset.Labels{Version: 1, Split: "synth", Codes: codes, Cases: cases}, "", " ")
	require.NoError(t, err)
	return append(b, '\n')
}

// TestFixtures checks (or with -update writes) testdata/scenes from
// internal/synth, and that each scene's exact ground truth yields the
// geometry codes it was designed for.
func TestFixtures(t *testing.T) {
	fx := sceneFixtures()
	dir := filepath.Join("..", "testdata", "scenes")
	var scenes []*synth.Scene
	for _, f := range fx {
		s, err := f.build()
		require.NoError(t, err, f.file)
		scenes = append(scenes, s)
		data, err := finishFixture(s)
		require.NoError(t, err)
		path := filepath.Join(dir, f.file)
		if *update {
			require.NoError(t, os.MkdirAll(dir, 0o755))
			require.NoError(t, os.WriteFile(path, data, 0o644))
		}
		t.Run(f.file, func(t *testing.T) {
			committed, err := os.ReadFile(path)
			require.NoError(t, err, "regenerate with: go generate ./preflight")
			assert.LessOrEqual(t, len(committed), 150<<10, "fixtures stay small")
			got, err := jpeg.Decode(bytes.NewReader(committed))
			require.NoError(t, err)
			want, err := jpeg.Decode(bytes.NewReader(data))
			require.NoError(t, err)
			// The same encoder gives the same bytes; allow a little for
			// another Go version's encoder.
			assert.Less(t, meanAbsDiff(vision.FromImage(got), vision.FromImage(want)), 1.0, "stale fixture: go generate ./preflight")

			rep := &Report{Width: fixW, Height: fixH, Metrics: map[string]float64{}}
			var dets []vision.Detection
			for _, q := range s.Quads {
				dets = append(dets, vision.Detection{Quad: q, Score: 1})
			}
			checkGeometry(rep, dets, DefaultThresholds())
			rep.finish()
			gotCodes := rep.Codes()
			slices.Sort(gotCodes)
			wantCodes := slices.Clone(f.want)
			slices.Sort(wantCodes)
			assert.Equal(t, wantCodes, gotCodes, "geometry codes of the ground truth")
		})
	}
	labels := fixtureLabels(t, fx, scenes)
	lpath := filepath.Join(dir, "labels.json")
	if *update {
		require.NoError(t, os.WriteFile(lpath, labels, 0o644))
	}
	committed, err := os.ReadFile(lpath)
	require.NoError(t, err)
	assert.JSONEq(t, string(labels), string(committed), "stale labels: go generate ./preflight")
}

// toolFixtures are inputs Go cannot encode (CMYK, progressive JPEG); with
// -update they are made from a synth scene by ImageMagick's convert.
// toolFixtures are written by ImageMagick's convert, or by libjpeg-turbo's
// cjpeg (from a PPM of the scene) when cjpeg is set: the layouts Go's
// image/jpeg cannot write. w, h are the output size when not the scene's.
var toolFixtures = []struct {
	file  string
	args  []string
	cjpeg bool
	w, h  int
}{
	{file: "cmyk.jpg", args: []string{"-colorspace", "CMYK", "-quality", "90"}},
	{file: "progressive.jpg", args: []string{"-interlace", "JPEG", "-quality", "90"}},
	{file: "s444.jpg", args: []string{"-sampling-factor", "1x1", "-quality", "92"}},
	{file: "s422.jpg", args: []string{"-sampling-factor", "2x1", "-quality", "90"}},
	{file: "gray.jpg", args: []string{"-colorspace", "Gray", "-quality", "90"}},
	{file: "odd.jpg", args: []string{"-crop", "157x97+0+0", "+repage", "-quality", "88"}, w: 157, h: 97},
	{file: "restart.jpg", args: []string{"-quality", "90", "-restart", "5B", "-sample", "2x1"}, cjpeg: true},
}

func TestToolFixtures(t *testing.T) {
	dir := filepath.Join("..", "testdata", "inputs")
	src := smallScene(t)
	if *update {
		png, err := synth.EncodePNG(src)
		require.NoError(t, err)
		tmp := filepath.Join(t.TempDir(), "scene.png")
		require.NoError(t, os.WriteFile(tmp, png, 0o644))
		require.NoError(t, os.MkdirAll(dir, 0o755))
		ppm := filepath.Join(t.TempDir(), "scene.ppm")
		out, err := exec.Command("convert", tmp, ppm).CombinedOutput()
		require.NoError(t, err, "convert (imagemagick): %s", out)
		for _, f := range toolFixtures {
			cmd := exec.Command("convert", append(append([]string{tmp, "-strip"}, f.args...), filepath.Join(dir, f.file))...)
			if f.cjpeg {
				cmd = exec.Command("cjpeg", append(f.args, "-outfile", filepath.Join(dir, f.file), ppm)...)
			}
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s: %s", cmd, out)
		}
	}
	for _, f := range toolFixtures {
		t.Run(f.file, func(t *testing.T) {
			data := readFixture(t, filepath.Join("inputs", f.file))
			cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
			require.NoError(t, err)
			assert.Equal(t, "jpeg", format)
			want := [2]int{src.W, src.H}
			if f.w > 0 {
				want = [2]int{f.w, f.h}
			}
			assert.Equal(t, want, [2]int{cfg.Width, cfg.Height}, fmt.Sprint(f.args))
		})
	}
}
