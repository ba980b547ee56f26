package synth

import (
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Pose places a document in a scene as a pinhole camera would see it.
type Pose struct {
	// Center is where the document's centre appears, in scene pixels.
	Center vision.Point
	// Width is the document's width in scene pixels when seen face-on.
	Width float64
	// Roll is the in-plane rotation in degrees, clockwise on screen.
	Roll float64
	// TiltX and TiltY turn the document about its horizontal and vertical
	// axes, in degrees, for perspective: positive TiltX moves the bottom
	// edge away from the camera (it looks shorter), positive TiltY the
	// right edge.
	TiltX, TiltY float64
	// Focal is the focal length in pixels; 0 means 1.5 × Width, a phone
	// held close to the document.
	Focal float64
}

// Quad returns the document's corners (TL, TR, BR, BL) in the scene for a
// document of the given aspect ratio (width / height).
func (p Pose) Quad(aspect float64) vision.Quad {
	f := p.Focal
	if f <= 0 {
		f = 1.5 * p.Width
	}
	hw, hh := p.Width/2, p.Width/aspect/2
	rad := math.Pi / 180
	ax, ay, az := p.TiltX*rad, p.TiltY*rad, p.Roll*rad
	var q vision.Quad
	for i, c := range [4][2]float64{{-hw, -hh}, {hw, -hh}, {hw, hh}, {-hw, hh}} {
		x, y, z := c[0], c[1], 0.0
		// Tilt about the horizontal axis, then the vertical one.
		y, z = y*math.Cos(ax)-z*math.Sin(ax), y*math.Sin(ax)+z*math.Cos(ax)
		x, z = x*math.Cos(ay)-z*math.Sin(ay), x*math.Sin(ay)+z*math.Cos(ay)
		// Roll in the image plane.
		x, y = x*math.Cos(az)-y*math.Sin(az), x*math.Sin(az)+y*math.Cos(az)
		// Project; the document's centre stays at distance f.
		s := f / (f + z)
		q[i] = vision.Point{X: p.Center.X + x*s, Y: p.Center.Y + y*s}
	}
	return q
}
