package vision

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// walkSideRef is walkSide as it was before session 11, the reference
// for TestWalkSideMatchesReference: every probe reads the magnitude
// (no mask), and the colour step rounds through roundInt.
func walkSideRef(g *gradField, img *RGB, a, b Point, sp scoreParams, rec *[]float64) (sum float64, n int, length float64) {
	p := newSidePath(g.W, g.H, a, b, sp.step)
	if p.n == 0 {
		return 0, 0, p.length
	}
	nx, ny := p.nx, p.ny
	gw, gh := g.W, g.H
	nx32, ny32 := float32(nx), float32(ny)
	for st := range p.n {
		px, py := p.at(st)
		best := float32(0)
		for k := -sp.probe; k <= sp.probe; k++ {
			x := int(px + float64(k)*nx + 0.5)
			y := int(py + float64(k)*ny + 0.5)
			if x < 1 || y < 1 || x >= gw-1 || y >= gh-1 {
				continue
			}
			i := y*gw + x
			mi := g.Mag[i]
			if mi == 0 {
				continue
			}
			proj := g.NX[i]*nx32 + g.NY[i]*ny32
			if proj < 0 {
				proj = -proj
			}
			if proj < 0.9 {
				continue
			}
			if m := mi * proj; m > best {
				best = m
			}
		}
		gs := ramp(float64(best), sp.edgeMin, sp.edgeMag)
		if gs > 0 {
			gs = fmin(gs, stepContrastRef(img, px, py, nx, ny))
		}
		sum += gs
		if rec != nil {
			*rec = append(*rec, gs)
		}
	}
	return sum, p.n, p.length
}

// stepContrastRef is stepContrast over colourStep2Ref.
func stepContrastRef(img *RGB, x, y, nx, ny float64) float64 {
	d2, ok := colourStep2Ref(img, x, y, nx, ny)
	switch {
	case !ok || d2 >= stepFull*stepFull:
		return 1
	case d2 <= stepMin*stepMin:
		return 0
	}
	return ramp(math.Sqrt(float64(d2)), stepMin, stepFull)
}

// colourStep2Ref is colourStep2 as it was before session 11: every
// coordinate rounded by a call to roundInt.
func colourStep2Ref(img *RGB, x, y, nx, ny float64) (d2 int32, ok bool) {
	x0, y0 := roundInt(x+stepOffset*nx), roundInt(y+stepOffset*ny)
	x1, y1 := roundInt(x-stepOffset*nx), roundInt(y-stepOffset*ny)
	if x0 < 0 || y0 < 0 || x1 < 0 || y1 < 0 || x0 >= img.W || x1 >= img.W || y0 >= img.H || y1 >= img.H {
		return 0, false
	}
	i, j := 3*(y0*img.W+x0), 3*(y1*img.W+x1)
	dr := int32(img.Pix[i]) - int32(img.Pix[j])
	dg := int32(img.Pix[i+1]) - int32(img.Pix[j+1])
	db := int32(img.Pix[i+2]) - int32(img.Pix[j+2])
	return dr*dr + dg*dg + db*db, true
}

// TestWalkSideMatchesReference: walkSide gives the reference's sum,
// step count, length and every step's support bit for bit, over sides
// through cards, printed lines, noise and the frame's borders (random
// end points in and around the frame, and through card corners), for
// several probe widths and strides.
func TestWalkSideMatchesReference(t *testing.T) {
	img := noisyRGB(241, 163, [3]uint8{90, 110, 80}, 9, 3)
	q := cardQuad(120, 80, 150, 12)
	fillQuadRGB(img, q, [3]uint8{215, 205, 190})
	fillQuadRGB(img, cardQuad(60, 40, 50, -30), [3]uint8{40, 60, 150})
	fillQuadRGB(img, Quad{{70, 90}, {180, 95}, {180, 97}, {70, 92}}, [3]uint8{30, 30, 30})
	g := colorGradient(img)
	rng := rand.New(rand.NewPCG(5, 7))
	pt := func() Point {
		return Point{rng.Float64()*float64(img.W+60) - 30, rng.Float64()*float64(img.H+60) - 30}
	}
	var ends [][2]Point
	for k := range 4 {
		ends = append(ends, [2]Point{q[k], q[(k+1)%4]}, [2]Point{q[(k+1)%4], q[k]})
	}
	for range 3000 {
		ends = append(ends, [2]Point{pt(), pt()})
	}
	var supported, saturated int
	for _, e := range ends {
		for _, sp := range []scoreParams{
			{edgeMin: 4, edgeMag: 14, probe: 2},
			{edgeMin: 4, edgeMag: 14, probe: 1, step: 2},
			{edgeMin: 2, edgeMag: 30, probe: 4, step: 3},
		} {
			var want, got []float64
			ws, wn, wl := walkSideRef(g, img, e[0], e[1], sp, &want)
			gs, gn, gl := walkSide(g, img, e[0], e[1], sp, &got)
			require.Equal(t, math.Float64bits(ws), math.Float64bits(gs), "%v probe %d step %d", e, sp.probe, sp.step)
			require.Equal(t, wn, gn)
			require.Equal(t, math.Float64bits(wl), math.Float64bits(gl))
			require.Equal(t, len(want), len(got))
			for i := range want {
				require.Equal(t, math.Float64bits(want[i]), math.Float64bits(got[i]), "step %d of %v", i, e)
				if got[i] == 1 {
					saturated++ // walkSide stopped probing at edgeMag, or tried its last probe
				}
			}
			if ws > 0 {
				supported++
			}
		}
	}
	require.Greater(t, supported, len(ends), "too few walks find any edge to compare")
	require.Greater(t, saturated, 1000, "too few saturated steps to compare the early stop")
}

// TestColourStep2MatchesReference: the inlined rounding gives
// colourStep2Ref's answer at random positions and at the values where
// rounding or the native path's range ends: halves, the frame's border,
// ±2⁵², infinities and NaN.
func TestColourStep2MatchesReference(t *testing.T) {
	img := noisyRGB(37, 23, [3]uint8{128, 128, 128}, 100, 9)
	vals := []float64{0, 0.5, -0.5, math.Nextafter(0.5, 0), math.Nextafter(-0.5, 0), 3.5, -3.5, 4.5, 36.5, 36.49999999999999, 22.5, 1 << 52, -(1 << 52), 1<<52 - 0.5, 1e300, -1e300, math.Inf(1), math.Inf(-1), math.NaN()}
	normals := [][2]float64{{1, 0}, {0, 1}, {0.6, 0.8}, {-0.8, 0.6}, {0.125, 0}}
	check := func(x, y, nx, ny float64) {
		wd, wok := colourStep2Ref(img, x, y, nx, ny)
		gd, gok := colourStep2(img, x, y, nx, ny)
		require.Equal(t, wok, gok, "%v %v %v %v", x, y, nx, ny)
		require.Equal(t, wd, gd, "%v %v %v %v", x, y, nx, ny)
	}
	for _, x := range vals {
		for _, y := range vals {
			for _, n := range normals {
				check(x, y, n[0], n[1])
				check(x+18, y+11, n[0], n[1])
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		s, c := math.Sincos(rng.Float64() * 2 * math.Pi)
		check(rng.Float64()*50-6, rng.Float64()*36-6, c, s)
	}
}
