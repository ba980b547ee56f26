package preflight

// Sampled size counts for the quality search. A sample counts one MCU in
// step, in runs of sampleRun MCUs picked on diagonals (run (x/sampleRun +
// 3y) mod step == 0): every MCU row and every column of runs gives its
// share, so a page of text lines, whose rows
// alternate between dense lines and empty leading, is sampled at every
// phase of its line pitch. A sample of whole MCU rows (one in step)
// could meet the pitch at one phase only: it read the 12 MP bench text
// page 1.9 % low, and the exact count that followed missed the budget
// and had to be taken twice. Each sampled MCU's DC differences are
// taken against the blocks that precede it in the scan, as the whole
// count takes them, so the sample's DC cost is not inflated by jumps
// between distant MCUs.

// sampleRun is the MCUs sampled side by side: runs of them keep the
// reads of a sample in runs of memory, where single MCUs spread them over
// every page of the coefficients (at 48 and 100 MP a sample of single
// MCUs cost more than one of whole rows).
const sampleRun = 4

// sampleDiagonal is the multiplier of the MCU row in the diagonal
// pattern: odd, so that it is coprime with a power-of-two step and each
// row and column holds one MCU in step.
const sampleDiagonal = 3

// countSample is count for a sample of one MCU in step, in runs
// (every MCU for a step of 1): the statistics of the sampled MCUs, without kept symbols, and the
// factor that scales their size to the whole image (all MCUs over the
// sampled ones).
func (c *coefImage) countSample(q [4]*[64]uint16, step int) (*coefStats, float64) {
	st := &coefStats{intervals: 1}
	rq := c.requantizers(q)
	sc := c.symCounters(st)
	ri := c.scan.restart
	sampled := 0
	var pred [4]int
	for my := range c.mcusY {
		first := (step - sampleDiagonal*my%step) % step * sampleRun
		for x0 := first; x0 < c.mcusX; x0 += step * sampleRun {
			for mx := x0; mx < min(x0+sampleRun, c.mcusX); mx++ {
				m := my*c.mcusX + mx
				sampled++
				restart := ri > 0 && m%ri == 0
				for i := range c.comps {
					cc := &c.comps[i]
					switch {
					case m == 0 || restart:
						pred[i] = 0
					case mx == x0:
						// The last block of the MCU before, in scan order.
						pm := m - 1
						px, py := pm%c.mcusX, pm/c.mcusX
						prev := cc.index(px*cc.bh+cc.bh-1, py*cc.bv+cc.bv-1)
						pred[i] = int(rq[cc.tq].coef(0, cc.dcOf(prev)))
					}
					for y := range cc.bv {
						for x := range cc.bh {
							b := cc.index(mx*cc.bh+x, my*cc.bv+y)
							st.extra += countBlock(cc.at(b), cc.nz[b], rq[cc.tq], &pred[i&3], &sc[i&3], nil)
						}
					}
				}
			}
		}
	}
	if step == 1 && ri > 0 {
		// Whole: the intervals' padding and markers as count has them.
		st.intervals = ceilDiv(c.mcusX*c.mcusY, ri)
	}
	st.buildTables(c)
	return st, float64(c.mcusX*c.mcusY) / float64(max(1, sampled))
}
