package synth

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/idpreflight/idpreflight/internal/vision"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bt601 is the limited-range BT.601 definition in floating point.
func bt601(r, g, b float64) (y, u, v float64) {
	y = 16 + (65.481*r+128.553*g+24.966*b)/255
	u = 128 + (-37.797*r-74.203*g+112.0*b)/255
	v = 128 + (112.0*r-93.786*g-18.214*b)/255
	return
}

func TestRGBToI420MatchesBT601(t *testing.T) {
	cases := []struct {
		name    string
		r, g, b uint8
	}{
		{"black", 0, 0, 0},
		{"white", 255, 255, 255},
		{"red", 255, 0, 0},
		{"green", 0, 255, 0},
		{"blue", 0, 0, 255},
		{"skin", 224, 172, 105},
		{"wood", 200, 110, 60},
	}
	for _, c := range cases {
		m := vision.NewRGB(2, 2)
		for i := 0; i < len(m.Pix); i += 3 {
			m.Pix[i], m.Pix[i+1], m.Pix[i+2] = c.r, c.g, c.b
		}
		dst := make([]byte, 6)
		RGBToI420(m, dst)
		y, u, v := bt601(float64(c.r), float64(c.g), float64(c.b))
		for k := range 4 {
			assert.InDelta(t, y, float64(dst[k]), 1, "%s Y", c.name)
		}
		assert.InDelta(t, u, float64(dst[4]), 1, "%s U", c.name)
		assert.InDelta(t, v, float64(dst[5]), 1, "%s V", c.name)
	}
	// The extremes land exactly on the limited range.
	m := vision.NewRGB(2, 2)
	dst := make([]byte, 6)
	RGBToI420(m, dst)
	assert.Equal(t, []byte{16, 16, 16, 16, 128, 128}, dst)
}

func TestRGBToI420AveragesChroma(t *testing.T) {
	m := vision.NewRGB(2, 2)
	copy(m.Pix, []uint8{255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 255}) // red over blue
	dst := make([]byte, 6)
	RGBToI420(m, dst)
	yr, _, _ := bt601(255, 0, 0)
	yb, _, _ := bt601(0, 0, 255)
	assert.InDelta(t, yr, float64(dst[0]), 1)
	assert.InDelta(t, yb, float64(dst[2]), 1)
	// One chroma sample for the block: the mean colour's.
	_, u, v := bt601(127.5, 0, 127.5)
	assert.InDelta(t, u, float64(dst[4]), 1)
	assert.InDelta(t, v, float64(dst[5]), 1)
}

func tinyClip() Clip {
	held := Pose{Center: vision.Point{X: 32, Y: 24}, Width: 40}
	return Clip{
		Width: 64, Height: 48, FPS: 10, Kind: ID1, Seed: 3, Shutter: 0.5,
		Shots: []Shot{
			{Name: "enter", Frames: 3, From: Pose{Center: vision.Point{X: 120, Y: 24}, Width: 40}, To: held},
			{Name: "glare", Frames: 2, From: held, To: held, Glare: 0.1, GlareU: 0.5, GlareV: 0.5},
			{Name: "steady", Frames: 3, From: held, To: held},
		},
	}
}

func TestClipValidate(t *testing.T) {
	cases := []struct {
		name string
		mod  func(*Clip)
	}{
		{"odd width", func(c *Clip) { c.Width = 63 }},
		{"zero height", func(c *Clip) { c.Height = 0 }},
		{"no fps", func(c *Clip) { c.FPS = 0 }},
		{"shutter", func(c *Clip) { c.Shutter = 2 }},
		{"no shots", func(c *Clip) { c.Shots = nil }},
		{"empty shot", func(c *Clip) { c.Shots = []Shot{{Name: "x"}} }},
		{"glare", func(c *Clip) { c.Shots = []Shot{{Frames: 1, Glare: 1}} }},
	}
	require.NoError(t, tinyClip().Validate())
	for _, c := range cases {
		clip := tinyClip()
		c.mod(&clip)
		err := clip.Validate()
		assert.True(t, errors.Is(err, ErrBadScene), c.name)
		assert.Error(t, clip.WriteY4M(io.Discard), c.name)
	}
}

func TestClipTruth(t *testing.T) {
	c := tinyClip()
	truth, err := c.Truth()
	require.NoError(t, err)
	require.Len(t, truth, c.Frames())
	assert.Equal(t, 8, c.Frames())
	assert.Equal(t, 5, c.ShotStart(2))
	want := []struct {
		shot          int
		moving, glare bool
	}{
		{0, false, false}, {0, true, false}, {0, true, false},
		{1, false, true}, {1, false, true},
		{2, false, false}, {2, false, false}, {2, false, false},
	}
	for i, w := range want {
		assert.Equal(t, w.shot, truth[i].Shot, i)
		assert.Equal(t, w.moving, truth[i].Moving, i)
		assert.Equal(t, w.glare, truth[i].Glare, i)
	}
	// The last frame of "enter" sits at the held pose.
	assert.InDelta(t, 32, (truth[2].Quad[0].X+truth[2].Quad[2].X)/2, 1e-9)
}

// readY4M parses a 4:2:0 Y4M stream into its header and frames.
func readY4M(t *testing.T, data []byte) (header string, frames [][]byte) {
	t.Helper()
	r := bufio.NewReader(bytes.NewReader(data))
	header, err := r.ReadString('\n')
	require.NoError(t, err)
	var w, h int
	_, err = fmt.Sscanf(header, "YUV4MPEG2 W%d H%d", &w, &h)
	require.NoError(t, err)
	for {
		tag, err := r.ReadString('\n')
		if errors.Is(err, io.EOF) && tag == "" {
			return header, frames
		}
		require.NoError(t, err)
		require.Equal(t, "FRAME\n", tag)
		f := make([]byte, w*h*3/2)
		_, err = io.ReadFull(r, f)
		require.NoError(t, err)
		frames = append(frames, f)
	}
}

func TestWriteY4M(t *testing.T) {
	c := tinyClip()
	var buf bytes.Buffer
	require.NoError(t, c.WriteY4M(&buf))
	header, frames := readY4M(t, buf.Bytes())
	assert.Equal(t, "YUV4MPEG2 W64 H48 F10:1 Ip A1:1 C420jpeg\n", header)
	require.Len(t, frames, 8)
	// Each frame is the I420 of the rendered picture.
	var pics [][]byte
	require.NoError(t, c.Render(func(i int, img *vision.RGB, _ FrameTruth) error {
		yuv := make([]byte, 64*48*3/2)
		RGBToI420(img, yuv)
		pics = append(pics, yuv)
		return nil
	}))
	for i := range frames {
		assert.Equal(t, pics[i], frames[i], "frame %d", i)
	}
	// Moving frames change, steady ones repeat, glare comes and goes.
	assert.NotEqual(t, frames[1], frames[2])
	assert.Equal(t, frames[3], frames[4])
	assert.NotEqual(t, frames[4], frames[5])
	assert.Equal(t, frames[5], frames[7])
	// The document is absent at first and present at the end.
	assert.NotEqual(t, frames[0], frames[7])
}

func TestCaptureClipShape(t *testing.T) {
	c := CaptureClip(640, 480, 30, 1)
	require.NoError(t, c.Validate())
	last := c.Shots[len(c.Shots)-1]
	assert.Equal(t, "steady", last.Name)
	assert.Equal(t, last.From, last.To)
	assert.Equal(t, 120, last.Frames)
	assert.Zero(t, last.Glare)
	truth, err := c.Truth()
	require.NoError(t, err)
	// The document starts outside the frame and ends wholly inside it,
	// with a margin, covering a good share of the frame.
	assert.False(t, quadTouches(truth[0].Quad, 640, 480))
	end := truth[len(truth)-1].Quad
	for _, p := range end {
		assert.True(t, p.X > 0.05*640 && p.X < 0.95*640 && p.Y > 0.05*480 && p.Y < 0.95*480, "corner %v", p)
	}
	assert.Greater(t, end.Area()/(640*480), 0.25)
	glare := c.Shots[2]
	assert.Greater(t, glare.Glare, 0.0)
}

func BenchmarkCaptureClipY4M(b *testing.B) {
	c := CaptureClip(320, 240, 10, 1)
	b.ReportAllocs()
	for b.Loop() {
		if err := c.WriteY4M(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func TestClipFaceReplacesThePortrait(t *testing.T) {
	face := vision.NewRGB(8, 10)
	for i := range face.Pix {
		face.Pix[i] = 7 // a dark colour the drawn document never uses
	}
	c := tinyClip()
	c.Width, c.Height = 320, 240
	c.Shots = []Shot{{Name: "held", Frames: 1, From: Pose{Center: vision.Point{X: 160, Y: 120}, Width: 280}}}
	c.Shots[0].To = c.Shots[0].From
	dark := func(c Clip) int {
		n := 0
		require.NoError(t, c.Render(func(_ int, img *vision.RGB, _ FrameTruth) error {
			for i := 0; i < len(img.Pix); i += 3 {
				if img.Pix[i] < 12 && img.Pix[i+1] < 12 && img.Pix[i+2] < 12 {
					n++
				}
			}
			return nil
		}))
		return n
	}
	without := dark(c)
	c.Face = face
	with := dark(c)
	// The portrait box covers about 0.26 × 0.52 of a 280 × 177 px card.
	assert.Greater(t, with-without, 2000)
	c.Face = &vision.RGB{}
	assert.Error(t, c.WriteY4M(io.Discard))
}
