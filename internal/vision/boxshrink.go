package vision

import "errors"

// ShrinkRGB returns the part r of img reduced by the integer factor k, each
// output pixel the mean of a k×k block (the last partial blocks average
// what they hold). A box mean is what a sensor with k-times larger pixels
// would have recorded, so it is the right pre-filter before resampling a
// large document down: detail finer than the output grid is averaged away
// instead of aliasing into false sharpness. r is clipped to the image.
func ShrinkRGB(img *RGB, r Rect, k int) (*RGB, error) {
	return ShrinkRGBInto(nil, img, r, k)
}

// ShrinkRGBInto is ShrinkRGB writing into dst, whose pixel buffer is
// reused when it is large enough (dst may be nil); it returns the result.
// Live frames shrink every frame, and a fresh image each time is garbage
// the browser's Go runtime must collect.
func ShrinkRGBInto(dst *RGB, img *RGB, r Rect, k int) (*RGB, error) {
	if k < 1 {
		return nil, errors.New("vision: shrink factor must be at least 1")
	}
	r.X0, r.Y0 = max(r.X0, 0), max(r.Y0, 0)
	r.X1, r.Y1 = min(r.X1, img.W), min(r.Y1, img.H)
	if r.Dx() <= 0 || r.Dy() <= 0 {
		return nil, errors.New("vision: shrink region is empty")
	}
	ow, oh := (r.Dx()+k-1)/k, (r.Dy()+k-1)/k
	out := dst
	if out == nil || cap(out.Pix) < 3*ow*oh {
		out = NewRGB(ow, oh)
	}
	out.W, out.H, out.Pix = ow, oh, out.Pix[:3*ow*oh]
	acc := make([]uint32, 3*ow)
	cnt := make([]uint32, ow)
	for oy := range oh {
		clear(acc)
		clear(cnt)
		y0, y1 := r.Y0+oy*k, min(r.Y0+(oy+1)*k, r.Y1)
		for y := y0; y < y1; y++ {
			row := img.Pix[3*(y*img.W+r.X0) : 3*(y*img.W+r.X1)]
			for ox := range ow {
				seg := row[3*ox*k : 3*min((ox+1)*k, r.Dx())]
				var sr, sg, sb uint32
				for i := 0; i+2 < len(seg); i += 3 {
					sr += uint32(seg[i])
					sg += uint32(seg[i+1])
					sb += uint32(seg[i+2])
				}
				acc[3*ox] += sr
				acc[3*ox+1] += sg
				acc[3*ox+2] += sb
				cnt[ox] += uint32(len(seg) / 3)
			}
		}
		o := out.Pix[3*oy*ow : 3*(oy+1)*ow]
		for ox := range ow {
			n := cnt[ox]
			o[3*ox] = uint8((acc[3*ox] + n/2) / n)
			o[3*ox+1] = uint8((acc[3*ox+1] + n/2) / n)
			o[3*ox+2] = uint8((acc[3*ox+2] + n/2) / n)
		}
	}
	return out, nil
}
