package vision

// smooth7 is SmoothFloatInto's two passes for a 7-tap kernel (σ = 1, the
// sharpness pre-smoothing), written out tap by tap: fixed-length rows
// leave the compiler no bounds to check inside the loops, which the
// browser build pays for on every live frame. The sums are those of the
// generic loops, in the same order (bit-identical). The horizontal pass
// reads the bytes directly, as float32(v) is exact.
func smooth7(out, tmp []float32, g *Gray, k *[7]float32) {
	w, h := g.W, g.H
	k0, k1, k2, k3, k4, k5, k6 := k[0], k[1], k[2], k[3], k[4], k[5], k[6]
	for y := range h {
		row := g.Pix[y*w : (y+1)*w]
		dst := tmp[y*w : (y+1)*w]
		for x := range w {
			if x < 3 || x+3 >= w {
				// Edge pixels repeat the border, as the generic pass does.
				var s float32
				for i, kv := range k {
					s += kv * float32(row[min(max(x+i-3, 0), w-1)])
				}
				dst[x] = s
				continue
			}
			t := row[x-3 : x+4 : x+4]
			s := k0 * float32(t[0])
			s += k1 * float32(t[1])
			s += k2 * float32(t[2])
			s += k3 * float32(t[3])
			s += k4 * float32(t[4])
			s += k5 * float32(t[5])
			s += k6 * float32(t[6])
			dst[x] = s
		}
	}
	rowAt := func(y int) []float32 {
		y = min(max(y, 0), h-1)
		return tmp[y*w : (y+1)*w]
	}
	for y := range h {
		dst := out[y*w : (y+1)*w]
		r0, r1, r2, r3 := rowAt(y - 3)[:len(dst)], rowAt(y - 2)[:len(dst)], rowAt(y - 1)[:len(dst)], rowAt(y)[:len(dst)]
		r4, r5, r6 := rowAt(y + 1)[:len(dst)], rowAt(y + 2)[:len(dst)], rowAt(y + 3)[:len(dst)]
		for x := range dst {
			s := k0 * r0[x]
			s += k1 * r1[x]
			s += k2 * r2[x]
			s += k3 * r3[x]
			s += k4 * r4[x]
			s += k5 * r5[x]
			s += k6 * r6[x]
			dst[x] = s
		}
	}
}
