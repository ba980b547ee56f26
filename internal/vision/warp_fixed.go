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
		// The homography's numerators and denominator are linear along
		// the row: stepped, not recomputed, per pixel.
		yf := float64(y) + 0.5
		nx, ny, d := hm[0]*0.5+hm[1]*yf+hm[2], hm[3]*0.5+hm[4]*yf+hm[5], hm[6]*0.5+hm[7]*yf+hm[8]
		row := out.Pix[3*y*w : 3*(y+1)*w]
		for x := range w {
			inv := 1 / d
			sx := clampFloat(nx*inv-0.5, maxX)
			sy := clampFloat(ny*inv-0.5, maxY)
			nx, ny, d = nx+hm[0], ny+hm[3], d+hm[6]
			// 8.8 fixed point: whole pixel and 1/256 fraction.
			fx, fy := int32(sx*256), int32(sy*256)
			x0, y0 := int(fx>>8), int(fy>>8)
			fx, fy = fx&255, fy&255
			dx, dy := tapSteps(img, x0, y0)
			// The four taps as 3-byte slices: constant indices, one
			// bounds check per tap rather than per byte, and the channels
			// written out (a loop over them is not unrolled under wasm).
			i := y0*stride + 3*x0
			p00, p10 := pix[i:i+3:i+3], pix[i+dx:i+dx+3:i+dx+3]
			p01, p11 := pix[i+dy:i+dy+3:i+dy+3], pix[i+dy+dx:i+dy+dx+3:i+dy+dx+3]
			o := row[3*x : 3*x+3 : 3*x+3]
			gx, gy := 256-fx, 256-fy
			o[0] = lerp8(p00[0], p10[0], p01[0], p11[0], fx, gx, fy, gy)
			o[1] = lerp8(p00[1], p10[1], p01[1], p11[1], fx, gx, fy, gy)
			o[2] = lerp8(p00[2], p10[2], p01[2], p11[2], fx, gx, fy, gy)
		}
	}
	return out, nil
}

// lerp8 is the bilinear mix of four 8-bit taps with 8-bit weights (fx,
// 256−fx = gx across, fy, gy down), rounded.
func lerp8(p00, p10, p01, p11 uint8, fx, gx, fy, gy int32) uint8 {
	top := int32(p00)*gx + int32(p10)*fx
	bot := int32(p01)*gx + int32(p11)*fx
	return uint8((top*gy + bot*fy + 1<<15) >> 16)
}
