package vision

// WarpQuadFixedInto is WarpQuadInto with the bilinear weights in 8-bit
// fixed point and one division per pixel: each channel is within one
// level of WarpQuadInto's. It is for live frames, where the flat document
// guides the person holding it and the captured photo's check decides;
// under wasm the float taps cost most of the warp (three int→float
// conversions and a float→int rounding per channel).
func WarpQuadFixedInto(dst *RGB, img *RGB, q Quad, w, h int) (*RGB, error) {
	hm, out, err := warpSetup(dst, q, w, h)
	if err != nil {
		return nil, err
	}
	maxX, maxY := float64(img.W-1), float64(img.H-1)
	stride, pix := 3*img.W, img.Pix
	for y := range h {
		yf := float64(y) + 0.5
		cx, cy, cw := hm[1]*yf+hm[2], hm[4]*yf+hm[5], hm[7]*yf+hm[8]
		row := out.Pix[3*y*w : 3*(y+1)*w]
		for x := range w {
			xf := float64(x) + 0.5
			inv := 1 / (hm[6]*xf + cw)
			sx := clampFloat((hm[0]*xf+cx)*inv-0.5, maxX)
			sy := clampFloat((hm[3]*xf+cy)*inv-0.5, maxY)
			// 8.8 fixed point: whole pixel and 1/256 fraction.
			fx, fy := int32(sx*256), int32(sy*256)
			x0, y0 := int(fx>>8), int(fy>>8)
			fx, fy = fx&255, fy&255
			dx, dy := 3, stride
			if x0 >= img.W-1 {
				dx = 0
			}
			if y0 >= img.H-1 {
				dy = 0
			}
			i := y0*stride + 3*x0
			r0, r1 := pix[i:i+dx+3:i+dx+3], pix[i+dy:i+dy+dx+3:i+dy+dx+3]
			o := row[3*x : 3*x+3 : 3*x+3]
			for c := range 3 {
				top := int32(r0[c])*(256-fx) + int32(r0[dx+c])*fx
				bot := int32(r1[c])*(256-fx) + int32(r1[dx+c])*fx
				o[c] = uint8((top*(256-fy) + bot*fy + 1<<15) >> 16)
			}
		}
	}
	return out, nil
}
