package vision

import "sort"

// hypoBlockBits sets the size of a hypoList block: 512 hypotheses, 72 KB.
const hypoBlockBits = 9

const hypoBlock = 1 << hypoBlockBits

// hypoList collects enumerateHypotheses' outlines in fixed blocks that
// never move, with each one's Cheap score beside them, and sorts an index
// instead of the outlines. A cluttered 800 px frame gives ~10 000
// hypotheses of 144 bytes; grown by append, the list was copied a dozen
// times into fresh memory, half of enumerateHypotheses' CPU in a fresh
// process (pprof of one recompression of a 12 MP desk photo per process,
// 8 processes: growslice 12.5 of 25 ms a run), and the sort moved
// 144-byte outlines where it now moves 4-byte indices.
type hypoList struct {
	blocks []*[hypoBlock]hypothesis
	cheap  []float64 // Cheap of each hypothesis, in the order added
	order  []int32   // the sort's view: indices into cheap and blocks
}

// reset empties l, keeping its memory.
func (l *hypoList) reset() {
	l.cheap, l.order = l.cheap[:0], l.order[:0]
}

// add appends h.
func (l *hypoList) add(h hypothesis) {
	n := len(l.cheap)
	b := n >> hypoBlockBits
	if b == len(l.blocks) {
		l.blocks = append(l.blocks, new([hypoBlock]hypothesis))
	}
	l.blocks[b][n&(hypoBlock-1)] = h
	l.cheap = append(l.cheap, h.Cheap)
}

// best returns the keep hypotheses of highest Cheap score, best first, in
// out's memory when it is large enough: the order sort.Sort gives a
// slice of the hypotheses sorted by hypothesesByCheap, since the sort
// below makes the same comparisons and swaps on the index (Less compares
// the same scores, Swap exchanges whole entries).
func (l *hypoList) best(keep int, out []hypothesis) []hypothesis {
	l.order = l.order[:0]
	for i := range l.cheap {
		l.order = append(l.order, int32(i))
	}
	sort.Sort(l)
	n := min(len(l.order), keep)
	out = resized(out, n)
	for k, i := range l.order[:n] {
		out[k] = l.blocks[i>>hypoBlockBits][i&(hypoBlock-1)]
	}
	return out
}

// Len, Less and Swap sort l.order by decreasing Cheap score.
func (l *hypoList) Len() int           { return len(l.order) }
func (l *hypoList) Less(a, b int) bool { return l.cheap[l.order[a]] > l.cheap[l.order[b]] }
func (l *hypoList) Swap(a, b int)      { l.order[a], l.order[b] = l.order[b], l.order[a] }
