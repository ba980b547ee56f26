package synth

import (
	"bufio"
	"fmt"
	"io"
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Shot is a stretch of a Clip: the document moves from pose From to pose
// To over Frames frames (linearly in every Pose field), optionally under a
// glare.
type Shot struct {
	// Name labels the shot in tests and logs ("enter", "glare", "steady").
	Name   string
	Frames int
	// From and To are the document's poses at the shot's first and last
	// frame; a document placed wholly off the frame is simply not seen.
	From, To Pose
	// Glare is the fraction of the document's area under a glare core
	// (0: none), centred at document position (GlareU, GlareV).
	Glare, GlareU, GlareV float64
}

// Clip is a synthetic camera video of one document: the scene of the
// fake camera in the browser end-to-end tests, with exact ground truth
// for every frame.
type Clip struct {
	// Width and Height are the frame size in pixels; both must be even
	// (4:2:0 chroma).
	Width, Height int
	// FPS is the frame rate written to the Y4M header.
	FPS int
	// Background is the surface behind the document.
	Background Background
	// Kind is the document format.
	Kind Kind
	// Seed makes the document and the background.
	Seed int64
	// Face, when set, replaces the drawn portrait (see
	// Document.SetPortrait): a face detector finds a real photo where it
	// may miss the drawn one.
	Face *vision.RGB
	// Shutter is the fraction of a frame interval the shutter stays open;
	// a moving document is smeared over Shutter × its motion per frame.
	Shutter float64
	// Shots play one after the other.
	Shots []Shot
}

// FrameTruth is the ground truth of one frame of a Clip.
type FrameTruth struct {
	// Shot is the index of the shot the frame belongs to.
	Shot int
	// Quad is the document's corners in the frame (they may lie outside).
	Quad vision.Quad
	// Moving says the quad differs from the previous frame's.
	Moving bool
	// Glare says a glare covers part of the document.
	Glare bool
}

// Validate reports a clip that cannot be rendered.
func (c Clip) Validate() error {
	switch {
	case c.Width <= 0 || c.Height <= 0 || c.Width%2 != 0 || c.Height%2 != 0:
		return fmt.Errorf("%w: clip size %dx%d must be positive and even", ErrBadScene, c.Width, c.Height)
	case c.FPS <= 0:
		return fmt.Errorf("%w: clip frame rate %d", ErrBadScene, c.FPS)
	case c.Shutter < 0 || c.Shutter > 1:
		return fmt.Errorf("%w: shutter %v outside [0, 1]", ErrBadScene, c.Shutter)
	case len(c.Shots) == 0:
		return fmt.Errorf("%w: clip without shots", ErrBadScene)
	}
	for i, s := range c.Shots {
		if s.Frames <= 0 {
			return fmt.Errorf("%w: shot %d (%s) has %d frames", ErrBadScene, i, s.Name, s.Frames)
		}
		if s.Glare < 0 || s.Glare >= 1 {
			return fmt.Errorf("%w: shot %d (%s) glare %v outside [0, 1)", ErrBadScene, i, s.Name, s.Glare)
		}
	}
	return nil
}

// Frames returns the number of frames of the clip.
func (c Clip) Frames() int {
	n := 0
	for _, s := range c.Shots {
		n += s.Frames
	}
	return n
}

// ShotStart returns the index of the first frame of shot i.
func (c Clip) ShotStart(i int) int {
	n := 0
	for _, s := range c.Shots[:min(i, len(c.Shots))] {
		n += s.Frames
	}
	return n
}

// pose returns shot s's pose at frame k of the shot.
func (s Shot) pose(k int) Pose {
	t := 0.0
	if s.Frames > 1 {
		t = float64(k) / float64(s.Frames-1)
	}
	lerp := func(a, b float64) float64 { return a + t*(b-a) }
	return Pose{
		Center: vision.Point{X: lerp(s.From.Center.X, s.To.Center.X), Y: lerp(s.From.Center.Y, s.To.Center.Y)},
		Width:  lerp(s.From.Width, s.To.Width),
		Roll:   lerp(s.From.Roll, s.To.Roll),
		TiltX:  lerp(s.From.TiltX, s.To.TiltX),
		TiltY:  lerp(s.From.TiltY, s.To.TiltY),
		Focal:  lerp(s.From.Focal, s.To.Focal),
	}
}

// Truth returns the ground truth of every frame.
func (c Clip) Truth() ([]FrameTruth, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	out := make([]FrameTruth, 0, c.Frames())
	aspect := c.Kind.Aspect()
	for si, s := range c.Shots {
		for k := range s.Frames {
			q := s.pose(k).Quad(aspect)
			moving := len(out) > 0 && q != out[len(out)-1].Quad
			out = append(out, FrameTruth{Shot: si, Quad: q, Moving: moving, Glare: s.Glare > 0})
		}
	}
	return out, nil
}

// Render calls frame for every frame of the clip in order, with the
// rendered picture and its truth. Frames whose quad and glare equal the
// previous frame's reuse its picture (a steady document on a tripod), so
// the picture must not be kept or changed past the call.
func (c Clip) Render(frame func(i int, img *vision.RGB, t FrameTruth) error) error {
	truth, err := c.Truth()
	if err != nil {
		return err
	}
	doc := NewDocument(c.Kind, c.Seed)
	if c.Face != nil {
		if err := doc.SetPortrait(c.Face); err != nil {
			return err
		}
	}
	bg := NewScene(c.Width, c.Height, c.Background, c.Seed)
	var img *vision.RGB
	for i, t := range truth {
		if i == 0 || t.Moving || t.Glare != truth[i-1].Glare {
			if img, err = c.renderFrame(doc, bg.Img, truth, i); err != nil {
				return fmt.Errorf("frame %d: %w", i, err)
			}
		}
		if err := frame(i, img, t); err != nil {
			return err
		}
	}
	return nil
}

func (c Clip) renderFrame(doc *Document, bg *vision.RGB, truth []FrameTruth, i int) (*vision.RGB, error) {
	t := truth[i]
	s := &Scene{Img: clone(bg)}
	if quadTouches(t.Quad, c.Width, c.Height) {
		if err := s.Place(doc, t.Quad, 0.3); err != nil {
			return nil, err
		}
	}
	img := s.Img
	if sh := c.Shots[t.Shot]; sh.Glare > 0 {
		img = AddGlare(img, GlareOn(t.Quad, sh.GlareU, sh.GlareV, sh.Glare))
	}
	if i > 0 && t.Moving && c.Shutter > 0 {
		prev := truth[i-1].Quad
		dx := (t.Quad[0].X + t.Quad[2].X - prev[0].X - prev[2].X) / 2
		dy := (t.Quad[0].Y + t.Quad[2].Y - prev[0].Y - prev[2].Y) / 2
		img = MotionBlur(img, c.Shutter*math.Hypot(dx, dy), math.Atan2(dy, dx)*180/math.Pi)
	}
	return img, nil
}

// quadTouches reports whether q's bounding box overlaps the w×h frame.
func quadTouches(q vision.Quad, w, h int) bool {
	b := bounds(q, 0, w, h)
	return b.X1 > b.X0 && b.Y1 > b.Y0
}

// WriteY4M writes the clip as a YUV4MPEG2 video (4:2:0, BT.601 limited
// range), the format Chromium's --use-file-for-fake-video-capture plays
// as a camera, looping at the end.
func (c Clip) WriteY4M(w io.Writer) error {
	if err := c.Validate(); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	if _, err := fmt.Fprintf(bw, "YUV4MPEG2 W%d H%d F%d:1 Ip A1:1 C420jpeg\n", c.Width, c.Height, c.FPS); err != nil {
		return err
	}
	yuv := make([]byte, c.Width*c.Height*3/2)
	var last *vision.RGB
	err := c.Render(func(_ int, img *vision.RGB, _ FrameTruth) error {
		if img != last {
			RGBToI420(img, yuv)
			last = img
		}
		if _, err := bw.WriteString("FRAME\n"); err != nil {
			return err
		}
		_, err := bw.Write(yuv)
		return err
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// RGBToI420 converts m (even width and height) into planar Y, U, V in dst,
// which must hold W×H×3/2 bytes, with BT.601 limited-range coefficients
// and each chroma sample the mean of its 2×2 block.
func RGBToI420(m *vision.RGB, dst []byte) {
	w, h := m.W, m.H
	yp, up, vp := dst[:w*h], dst[w*h:w*h+w*h/4], dst[w*h+w*h/4:w*h*3/2]
	for y := 0; y < h; y += 2 {
		for x := 0; x < w; x += 2 {
			var sr, sg, sb int
			for _, o := range [4][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
				i := 3 * ((y+o[1])*w + x + o[0])
				r, g, b := int(m.Pix[i]), int(m.Pix[i+1]), int(m.Pix[i+2])
				yp[(y+o[1])*w+x+o[0]] = uint8((66*r+129*g+25*b+128)>>8 + 16)
				sr, sg, sb = sr+r, sg+g, sb+b
			}
			r, g, b := (sr+2)/4, (sg+2)/4, (sb+2)/4
			ci := (y/2)*(w/2) + x/2
			up[ci] = uint8((-38*r-74*g+112*b+128)>>8 + 128)
			vp[ci] = uint8((112*r-94*g-18*b+128)>>8 + 128)
		}
	}
}

// CaptureClip is the fake camera's scene for the capture page: the
// document slides into the frame (motion blur), stays under a glare, is
// tilted to lose the glare, then is held steady for 4 s until the end.
// The steady shot is the last one; its first frame is
// ShotStart(len(Shots)-1). A slow analyser needs a longer steady shot
// (the page waits for several steady, passing frames): set its Frames.
func CaptureClip(width, height, fps int, seed int64) Clip {
	w, h := float64(width), float64(height)
	sec := func(s float64) int { return max(1, int(math.Round(s*float64(fps)))) }
	held := Pose{Center: vision.Point{X: 0.5 * w, Y: 0.5 * h}, Width: 0.62 * w, Roll: 2, TiltX: 4}
	tilted := held
	tilted.TiltY = 6
	tilted.Roll = -1
	outside := Pose{Center: vision.Point{X: 1.45 * w, Y: 0.6 * h}, Width: 0.55 * w, Roll: 18}
	return Clip{
		Width: width, Height: height, FPS: fps, Background: Wood, Kind: ID1, Seed: seed, Shutter: 0.5,
		Shots: []Shot{
			{Name: "empty", Frames: sec(0.4), From: outside, To: outside},
			{Name: "enter", Frames: sec(1.2), From: outside, To: held},
			{Name: "glare", Frames: sec(1.6), From: held, To: held, Glare: 0.05, GlareU: 0.62, GlareV: 0.45},
			{Name: "tilt", Frames: sec(0.4), From: held, To: tilted},
			{Name: "steady", Frames: sec(4), From: tilted, To: tilted},
		},
	}
}
