package synth

import "math"

// rgb is a colour in 8-bit sRGB.
type rgb struct{ r, g, b uint8 }

// mix returns a*(1-t) + b*t, t in [0,1].
func mix(a, b rgb, t float64) rgb {
	f := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t + 0.5) }
	return rgb{f(a.r, b.r), f(a.g, b.g), f(a.b, b.b)}
}

// scale multiplies every channel by k (clamped).
func (c rgb) scale(k float64) rgb {
	f := func(x uint8) uint8 { return clamp8(float64(x) * k) }
	return rgb{f(c.r), f(c.g), f(c.b)}
}

func clamp8(v float64) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v + 0.5)
}

// linearLUT maps an 8-bit sRGB value to linear light in [0,1].
func linearLUT() *[256]float32 {
	var t [256]float32
	for i := range t {
		c := float64(i) / 255
		if c <= 0.04045 {
			t[i] = float32(c / 12.92)
		} else {
			t[i] = float32(math.Pow((c+0.055)/1.055, 2.4))
		}
	}
	return &t
}

// srgbSteps is the resolution of the linear → sRGB table; 4096 steps keep
// the round trip exact for every 8-bit value.
const srgbSteps = 4096

// srgbLUT maps linear light, quantised to srgbSteps, back to 8-bit sRGB.
func srgbLUT() *[srgbSteps + 1]uint8 {
	var t [srgbSteps + 1]uint8
	for i := range t {
		l := float64(i) / srgbSteps
		var c float64
		if l <= 0.0031308 {
			c = 12.92 * l
		} else {
			c = 1.055*math.Pow(l, 1/2.4) - 0.055
		}
		t[i] = clamp8(c * 255)
	}
	return &t
}

// toSRGB converts linear light (any value; clipped to [0,1]) to 8-bit.
func toSRGB(t *[srgbSteps + 1]uint8, l float32) uint8 {
	switch {
	case l <= 0:
		return 0
	case l >= 1:
		return 255
	}
	return t[int(l*srgbSteps+0.5)]
}
