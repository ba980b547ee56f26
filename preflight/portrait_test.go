package preflight

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// graceHopper is the public-domain portrait of testdata/README.md.
func graceHopper(t testing.TB) *vision.RGB {
	t.Helper()
	img, err := synth.ReadImage("../testdata/grace_hopper_256.jpg")
	require.NoError(t, err)
	return img
}

// portraitDoc is a synthetic document whose portrait box shows face (a
// real photo scaled into the box) or, when face is nil, only a plain
// backdrop, as a card back or a removed photo would.
func portraitDoc(t testing.TB, kind synth.Kind, face *vision.RGB) *synth.Document {
	t.Helper()
	d := synth.NewDocument(kind, 11)
	p := d.Portrait
	var src *vision.RGB
	if face != nil {
		all := vision.Quad{{X: 0, Y: 0}, {X: float64(face.W), Y: 0}, {X: float64(face.W), Y: float64(face.H)}, {X: 0, Y: float64(face.H)}}
		var err error
		src, err = vision.WarpQuad(face, all, p.Dx(), p.Dy()) // a plain bilinear rescale
		require.NoError(t, err)
	}
	for y := p.Y0; y < p.Y1; y++ {
		for x := p.X0; x < p.X1; x++ {
			o := 3 * (y*d.Img.W + x)
			if src == nil {
				d.Img.Pix[o], d.Img.Pix[o+1], d.Img.Pix[o+2] = 214, 220, 226
				continue
			}
			i := 3 * ((y-p.Y0)*src.W + x - p.X0)
			copy(d.Img.Pix[o:o+3], src.Pix[i:i+3])
		}
	}
	return d
}

// placed renders doc in a 1280×720 scene on quad q and returns the scene.
func placed(t testing.TB, doc *synth.Document, q vision.Quad) *synth.Scene {
	t.Helper()
	s := synth.NewScene(1280, 720, synth.Wood, 5)
	require.NoError(t, s.Place(doc, q, 0.3))
	return s
}

// quadOf is a mildly tilted document outline in the 1280×720 scene.
var quadOf = map[synth.Kind]vision.Quad{
	synth.ID1: {{X: 330, Y: 140}, {X: 950, Y: 170}, {X: 930, Y: 560}, {X: 310, Y: 540}},
	synth.ID3: {{X: 350, Y: 110}, {X: 930, Y: 130}, {X: 920, Y: 540}, {X: 340, Y: 530}},
}

// turned returns q with its corner order turned by k quarter turns: the
// same outline read from another corner, as a detector that cannot tell
// the document's top from its bottom would report it.
func turned(q vision.Quad, k int) vision.Quad {
	var out vision.Quad
	for i := range 4 {
		out[i] = q[(i+k)%4]
	}
	return out
}

func TestCheckPortrait(t *testing.T) {
	face := graceHopper(t)
	tests := []struct {
		name     string
		kind     synth.Kind
		face     bool
		side     Side
		turn     int // quarter turns of the quad's corner order
		want820  bool
		wantFace bool
	}{
		{"card with a face", synth.ID1, true, Front, 0, false, true},
		{"passport page with a face", synth.ID3, true, Front, 0, false, true},
		{"card reported upside down", synth.ID1, true, Front, 2, false, true},
		{"card read from its second corner", synth.ID1, true, Front, 1, false, true},
		{"card with an empty portrait box", synth.ID1, false, Front, 0, true, false},
		{"passport page with an empty box", synth.ID3, false, Front, 0, true, false},
		{"empty box upside down", synth.ID1, false, Front, 2, true, false},
		{"back side is not searched", synth.ID1, false, Back, 0, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f *vision.RGB
			if tt.face {
				f = face
			}
			s := placed(t, portraitDoc(t, tt.kind, f), quadOf[tt.kind])
			dt := IDCard
			if tt.kind == synth.ID3 {
				dt = Passport
			}
			rep, err := CheckImage(context.Background(), s.Img.Image(), WithSide(tt.side), WithDocumentType(dt),
				WithDocumentQuads(quadFromVision(turned(s.Quads[0], tt.turn))))
			require.NoError(t, err)
			assert.Equal(t, tt.want820, rep.Failed(CodeNoPortrait), "issues %+v", rep.Issues)
			require.NotNil(t, rep.Document)
			if !tt.wantFace {
				assert.Nil(t, rep.Document.Portrait)
				return
			}
			assertFaceInPortrait(t, rep, s)
			assert.GreaterOrEqual(t, rep.Metrics["face_score"], DefaultThresholds().MinFaceScore)
		})
	}
}

// TestCheckPortraitIssue: the failing issue carries the score and limit
// and points at the document searched.
func TestCheckPortraitIssue(t *testing.T) {
	s := placed(t, portraitDoc(t, synth.ID1, nil), quadOf[synth.ID1])
	rep, err := CheckImage(context.Background(), s.Img.Image(), WithDocumentQuads(quadFromVision(s.Quads[0])))
	require.NoError(t, err)
	var is *Issue
	for i := range rep.Issues {
		if rep.Issues[i].Code == CodeNoPortrait {
			is = &rep.Issues[i]
		}
	}
	require.NotNil(t, is)
	assert.Equal(t, Fail, is.Severity)
	assert.Less(t, is.Value, is.Threshold)
	assert.Equal(t, DefaultThresholds().MinFaceScore, is.Threshold)
	assert.Equal(t, CodeNoPortrait.Message(), is.Message)
	require.Len(t, is.Regions, 1)
	assert.Greater(t, is.Regions[0].W, 0)
}

// TestCheckPortraitFrameFallback: when the outline misses the document,
// the face is still found in the photo; a face as large as a person in
// front of the camera does not count.
func TestCheckPortraitFrameFallback(t *testing.T) {
	face := graceHopper(t)
	offDoc := rectQuad(20, 600, 260, 700)

	s := placed(t, portraitDoc(t, synth.ID1, face), quadOf[synth.ID1])
	rep, err := CheckImage(context.Background(), s.Img.Image(), WithDocumentQuads(quadFromVision(offDoc)))
	require.NoError(t, err)
	assert.False(t, rep.Failed(CodeNoPortrait), "issues %+v", rep.Issues)
	assert.Equal(t, 1.0, rep.Metrics["face_outside_document"])
	require.NotNil(t, rep.Document.Portrait)
	box := quadRegion(s.Portraits[0], 1280, 720)[0]
	r := rep.Document.Portrait
	assert.True(t, r.X >= box.X-5 && r.X+r.W <= box.X+box.W+5, "face %+v, portrait box %+v", *r, box)

	// A selfie: the head and shoulders crop fills the frame's height, the
	// face is half of it.
	big := vision.NewRGB(1280, 720)
	selfie, err := vision.WarpQuad(face, vision.Quad{{X: 60, Y: 40}, {X: 210, Y: 40}, {X: 210, Y: 200}, {X: 60, Y: 200}}, 600, 656)
	require.NoError(t, err)
	for y := range selfie.H {
		copy(big.Pix[3*((y+32)*big.W+360):], selfie.Pix[3*y*selfie.W:3*(y+1)*selfie.W])
	}
	rep, err = CheckImage(context.Background(), big.Image(), WithDocumentQuads(quadFromVision(offDoc)))
	require.NoError(t, err)
	assert.True(t, rep.Failed(CodeNoPortrait), "a selfie face is not a document portrait")
}

// TestCheckPortraitFrameFallbackTurns: when the outline misses a card
// lying sideways in the photo, the whole-photo search still finds its
// face in the sideways turns (searched on the smaller copy made from the
// first turn's), and an empty portrait box still gives 820. A card upside
// down whose outline is missed too is the trade the search makes for a
// fifth of its cost (see frameTurns): its face is not found. With a
// right outline it is (TestCheckPortrait, "card reported upside down").
func TestCheckPortraitFrameFallbackTurns(t *testing.T) {
	face := graceHopper(t)
	offDoc := rectQuad(20, 600, 260, 700)
	tests := []struct {
		name    string
		roll    float64
		face    bool
		want820 bool
	}{
		{"card turned a quarter clockwise", 90, true, false},
		{"card turned a quarter anticlockwise", -90, true, false},
		{"card upside down: not searched", 180, true, true},
		{"sideways card with an empty portrait box", 90, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f *vision.RGB
			if tt.face {
				f = face
			}
			// A 1600×1200 photo: the first turn searches it at 1280 px,
			// the others at 960.
			doc := portraitDoc(t, synth.ID1, f)
			s := synth.NewScene(1600, 1200, synth.Wood, 5)
			pose := synth.Pose{Center: vision.Point{X: 900, Y: 600}, Width: 1000, Roll: tt.roll}
			require.NoError(t, s.Place(doc, pose.Quad(doc.Kind.Aspect()), 0.3))
			rep, err := CheckImage(context.Background(), s.Img.Image(), WithDocumentQuads(quadFromVision(offDoc)))
			require.NoError(t, err)
			assert.Equal(t, tt.want820, rep.Failed(CodeNoPortrait), "issues %+v", rep.Issues)
			if tt.want820 {
				return
			}
			assert.Equal(t, 1.0, rep.Metrics["face_outside_document"])
			assertFaceInPortrait(t, rep, s)
		})
	}
}

// assertFaceInPortrait checks that the report's face box is centred in
// the portrait box of the scene's first document.
func assertFaceInPortrait(t *testing.T, rep *Report, s *synth.Scene) {
	t.Helper()
	require.NotNil(t, rep.Document.Portrait)
	r := rep.Document.Portrait
	box := quadRegion(s.Portraits[0], s.Img.W, s.Img.H)[0]
	cx, cy := r.X+r.W/2, r.Y+r.H/2
	assert.True(t, cx > box.X && cx < box.X+box.W && cy > box.Y && cy < box.Y+box.H,
		"face %+v outside the portrait box %+v", *r, box)
}

// fakeFaces is an engine whose face detector returns fixed faces, for the
// decision logic alone.
type fakeFaces struct {
	goEngine
	faces map[int][]vision.Face // by the searched image's width (rotations differ)
	calls *int
}

func (f fakeFaces) detectFaces(g *vision.Gray, _, _ int) []vision.Face {
	*f.calls++
	return f.faces[g.W]
}

func TestFindPortraitOrientation(t *testing.T) {
	g := vision.NewGray(600, 400)
	face := func(s float64) []vision.Face {
		return []vision.Face{{Rect: vision.Rect{X0: 10, Y0: 20, X1: 110, Y1: 120}, Score: s}}
	}
	tests := []struct {
		name        string
		upright     []vision.Face // the first search; the half-turned one finds nothing
		wantScore   float64
		wantQuarter int
		wantCalls   int
	}{
		{"upright face stops the search", face(20), 20, 0, 1},
		{"weak upright face: the other way is tried", face(3), 3, 0, 2},
		{"none at all", nil, 0, 0, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			eng := fakeFaces{faces: map[int][]vision.Face{600: tt.upright}, calls: &calls}
			got, ok := findPortrait(eng, g, 6)
			assert.Equal(t, tt.wantScore > 0, ok)
			assert.Equal(t, tt.wantScore, got.score)
			assert.Equal(t, tt.wantQuarter, got.quarter)
			assert.Equal(t, tt.wantCalls, calls)
		})
	}
}

func TestFindPortraitMapsRotatedBoxBack(t *testing.T) {
	// Only the half-turned search finds a face at the top-left of the
	// turned image: in the document that is the bottom-right corner.
	g := vision.NewGray(600, 400)
	n := 0
	eng := faceOnCall{want: 2, face: vision.Face{Rect: vision.Rect{X0: 10, Y0: 20, X1: 110, Y1: 120}, Score: 30}, n: &n}
	got, ok := findPortrait(eng, g, 6)
	require.True(t, ok)
	assert.Equal(t, 2, got.quarter)
	assert.Equal(t, faceBox{X0: 490, Y0: 280, X1: 590, Y1: 380}, got.box)
}

// faceOnCall returns face only on the want-th call.
type faceOnCall struct {
	goEngine
	want int
	face vision.Face
	n    *int
}

func (f faceOnCall) detectFaces(*vision.Gray, int, int) []vision.Face {
	*f.n++
	if *f.n == f.want {
		return []vision.Face{f.face}
	}
	return nil
}

// BenchmarkCheckPortrait measures 820 on a 1280×720 photo: a card whose
// portrait is found on the rectified document, and an empty portrait box,
// which also pays for the whole-photo fallback.
func BenchmarkCheckPortrait(b *testing.B) {
	for _, bc := range []struct {
		name string
		face *vision.RGB
	}{{"face", graceHopper(b)}, {"empty", nil}} {
		b.Run(bc.name, func(b *testing.B) {
			s := placed(b, portraitDoc(b, synth.ID1, bc.face), quadOf[synth.ID1])
			rect, err := rectify(s.Img, 1, s.Quads[0], IDCard, vision.WarpQuad)
			require.NoError(b, err)
			eng := goEngine{}
			lim := DefaultThresholds()
			b.ReportAllocs()
			for b.Loop() {
				rep := &Report{Width: 1280, Height: 720, Metrics: map[string]float64{}, Document: &Document{}}
				checkPortrait(rep, eng, rect, s.Img, 1, lim)
			}
		})
	}
}

// BenchmarkDocumentFaceSearch is the portrait stage's search of a
// rectified ID-1 card (1000 px wide, searched at faceSearchShort) by each
// engine of the build, with and without a face: the faceless card is
// searched both ways up, the common cost of a card whose portrait is
// missing. cpu-ms counts OpenCV's own threads too. The session is warm,
// so the cascade's load is not counted.
func BenchmarkDocumentFaceSearch(b *testing.B) {
	for _, bc := range []struct {
		name string
		face *vision.RGB
	}{{"face", graceHopper(b)}, {"empty", nil}} {
		s := placed(b, portraitDoc(b, synth.ID1, bc.face), quadOf[synth.ID1])
		rect, err := rectify(s.Img, 1, s.Quads[0], IDCard, vision.WarpQuad)
		require.NoError(b, err)
		for _, name := range engineNames() {
			b.Run(bc.name+"/"+name, func(b *testing.B) {
				eng, release := faceSession(engineFor(name), true)
				defer release()
				b.ReportAllocs()
				cpu0, cpuOK := processCPU()
				for b.Loop() {
					findDocumentFace(eng, rect, DefaultThresholds().MinFaceScore)
				}
				if cpu1, ok := processCPU(); ok && cpuOK {
					b.ReportMetric(float64((cpu1-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms")
				}
			})
		}
	}
}

// turnFaces is an engine whose face detector answers by the top-left pixel
// of the searched image, which tells the turn apart (see cornerMarked); it
// keeps no counter, so the concurrent searches may call it at once.
type turnFaces struct {
	goEngine
	byCorner map[uint8]float64 // top-left pixel → score of the one face
}

func (f turnFaces) detectFaces(g *vision.Gray, _, _ int) []vision.Face {
	s, ok := f.byCorner[g.Pix[0]]
	if !ok {
		return nil
	}
	return []vision.Face{{Rect: vision.Rect{X0: 1, Y0: 2, X1: 11, Y1: 12}, Score: s}}
}

// cornerMarked is a w×h image whose corners are 1 (top-left), 2
// (top-right), 3 (bottom-right) and 4 (bottom-left): turned q quarters
// clockwise, its top-left pixel is 1, 4, 3, 2 for q = 0, 1, 2, 3.
func cornerMarked(w, h int) *vision.Gray {
	g := vision.NewGray(w, h)
	g.Pix[0], g.Pix[w-1], g.Pix[w*h-1], g.Pix[w*(h-1)] = 1, 2, 3, 4
	return g
}

func TestSearchFacesKeepsTheSequentialAnswer(t *testing.T) {
	g := cornerMarked(60, 40)
	tests := []struct {
		name        string
		byCorner    map[uint8]float64
		wantScore   float64
		wantQuarter int
		wantOK      bool
	}{
		{"upright face decides", map[uint8]float64{1: 9, 4: 50}, 9, 0, true},
		{"first turn in order that reaches the score wins, not the strongest", map[uint8]float64{1: 2, 4: 7, 2: 40, 3: 90}, 7, 1, true},
		{"later turn when the earlier ones are weak", map[uint8]float64{1: 2, 4: 3, 2: 8}, 8, 3, true},
		{"no turn reaches the score: the strongest weak face", map[uint8]float64{4: 2, 3: 5, 2: 4}, 5, 2, true},
		{"nothing anywhere", nil, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var turns []faceTurn
			for _, q := range []int{0, 1, 3, 2} {
				turns = append(turns, faceTurn{gray: func() *vision.Gray { return g }, quarter: q, scale: 1})
			}
			got, ok := searchFaces(turnFaces{byCorner: tt.byCorner}, turns, 6)
			assert.Equal(t, tt.wantOK, ok)
			assert.Equal(t, tt.wantScore, got.score)
			assert.Equal(t, tt.wantQuarter, got.quarter)
		})
	}
}

func TestFrameTurns(t *testing.T) {
	wide := vision.Quad{{X: 100, Y: 100}, {X: 500, Y: 120}, {X: 490, Y: 370}, {X: 95, Y: 350}}
	rot := func(q vision.Quad, k int) vision.Quad { // corner order shifted by k
		var out vision.Quad
		for i := range 4 {
			out[i] = q[(i+k)%4]
		}
		return out
	}
	tall := vision.Quad{{X: 100, Y: 100}, {X: 350, Y: 90}, {X: 360, Y: 500}, {X: 110, Y: 490}}
	tilted := vision.Quad{{X: 100, Y: 300}, {X: 446, Y: 100}, {X: 571, Y: 317}, {X: 225, Y: 517}} // 30°
	steep := vision.Quad{{X: 300, Y: 100}, {X: 500, Y: 446}, {X: 283, Y: 571}, {X: 83, Y: 225}}   // 60°
	tests := []struct {
		name string
		doc  vision.Quad
		want []int
	}{
		{"card lying wide: upright first", wide, []int{0, 1, 3}},
		{"corner order does not matter", rot(wide, 1), []int{0, 1, 3}},
		{"card standing tall: sideways turns first", tall, []int{1, 3, 0}},
		{"tall, other corner order", rot(tall, 3), []int{1, 3, 0}},
		{"tilted 30°: still wide", tilted, []int{0, 1, 3}},
		{"tilted 60°: sideways", steep, []int{1, 3, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, frameTurns(tt.doc))
		})
	}
}

// sizeRecorder is an engine whose face detector finds nothing, or a face of
// score on its first call, and records the size of every image searched.
type sizeRecorder struct {
	goEngine
	mu    *sync.Mutex
	sizes *[][2]int
	score float64
}

func (f sizeRecorder) detectFaces(g *vision.Gray, _, _ int) []vision.Face {
	f.mu.Lock()
	defer f.mu.Unlock()
	*f.sizes = append(*f.sizes, [2]int{g.W, g.H})
	if f.score > 0 && len(*f.sizes) == 1 {
		return []vision.Face{{Rect: vision.Rect{X0: 100, Y0: 50, X1: 200, Y1: 150}, Score: f.score}}
	}
	return nil
}

func TestFindFrameFaceSizes(t *testing.T) {
	img := vision.NewRGB(1600, 1200)
	wide := vision.Quad{{X: 300, Y: 300}, {X: 1300, Y: 300}, {X: 1300, Y: 930}, {X: 300, Y: 930}}
	tests := []struct {
		name      string
		score     float64
		wantSizes [][2]int
		wantBox   faceBox
	}{
		{"no face: the first turn at 1280, both sideways turns at 960", 0,
			[][2]int{{1280, 960}, {720, 960}, {720, 960}}, faceBox{}},
		{"a face on the first turn ends the search", 20,
			[][2]int{{1280, 960}}, faceBox{X0: 125, Y0: 62.5, X1: 250, Y1: 187.5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sizes [][2]int
			eng := sizeRecorder{mu: &sync.Mutex{}, sizes: &sizes, score: tt.score}
			got, ok := findFrameFace(eng, img, wide, 6)
			assert.Equal(t, tt.score > 0, ok)
			assert.ElementsMatch(t, tt.wantSizes, sizes)
			assert.Equal(t, tt.wantSizes[0], sizes[0], "the first turn runs first, alone")
			assert.Equal(t, tt.wantBox, got.box, "box in the photo's pixels")
		})
	}
}

// BenchmarkFrameTurnCopies measures the grey copies of the whole-photo
// face search on a 12 MP photo (4000×3000; the gocv engine's half-size
// decode is 2000×1500): the 1280 px copy of the first turn and the 960 px
// copy of the other turns, the latter reduced from the photo again or
// from the first copy (what findFrameFace does).
func BenchmarkFrameTurnCopies(b *testing.B) {
	for _, size := range [][2]int{{4000, 3000}, {2000, 1500}} {
		img := vision.NewRGB(size[0], size[1])
		for i := range img.Pix {
			img.Pix[i] = uint8(i * 7)
		}
		b.Run(fmt.Sprintf("%dx%d/from the photo", size[0], size[1]), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				frameTurn(img, frameSearchLong, 0).gray()
				frameTurn(img, frameSearchLongOther, 0).gray()
			}
		})
		b.Run(fmt.Sprintf("%dx%d/from the first copy", size[0], size[1]), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				first := frameTurn(img, frameSearchLong, 0)
				first.gray()
				smallerTurn(img, first, frameSearchLongOther).gray()
			}
		})
	}
}

func TestSearchFrame(t *testing.T) {
	tests := []struct {
		name  string
		score float64
		given bool
		want  bool
	}{
		{"confident detected outline", 0.95, false, false},
		{"detected outline just confident", confidentOutline, false, false},
		{"hesitant detected outline", 0.8, false, true},
		{"weak detected outline", 0.55, false, true},
		{"outline the caller gives", 1, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, searchFrame(vision.Detection{Score: tt.score}, tt.given))
		})
	}
}

// TestCheckPortraitConfidentOutline: a card with an empty portrait box
// lies beside a loose face photo. With the outline given, the
// whole-photo fallback runs and takes the loose face for the portrait;
// with the detector's confident outline it does not run, and 820 stands.
func TestCheckPortraitConfidentOutline(t *testing.T) {
	doc := portraitDoc(t, synth.ID1, nil)
	s := synth.NewScene(1600, 1200, synth.Gradient, 5)
	pose := synth.Pose{Center: vision.Point{X: 800, Y: 600}, Width: 1000, Roll: 3}
	require.NoError(t, s.Place(doc, pose.Quad(doc.Kind.Aspect()), 0.3))
	loose, err := vision.WarpQuad(graceHopper(t), rectQuad(0, 0, 256, 256), 200, 200)
	require.NoError(t, err)
	for y := range loose.H {
		copy(s.Img.Pix[3*((y+40)*s.Img.W+1360):], loose.Pix[3*y*loose.W:3*(y+1)*loose.W])
	}
	tests := []struct {
		name      string
		opts      []Option
		wantFrame bool
	}{
		{"outline given", []Option{WithDocumentQuads(quadFromVision(s.Quads[0]))}, true},
		{"outline detected", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := CheckImage(context.Background(), s.Img.Image(), tt.opts...)
			require.NoError(t, err)
			require.NotNil(t, rep.Document)
			_, ran := rep.TimingsMS["portrait_frame"]
			assert.Equal(t, tt.wantFrame, ran)
			assert.Equal(t, !tt.wantFrame, rep.Failed(CodeNoPortrait), "issues %+v", rep.Issues)
			if !tt.wantFrame {
				assert.GreaterOrEqual(t, rep.Document.Score, confidentOutline)
			}
		})
	}
}
