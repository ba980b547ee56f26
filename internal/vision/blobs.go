package vision

// Blob is a 4-connected region of set pixels of a mask.
type Blob struct {
	// Area is the number of pixels.
	Area int
	// Box is the bounding box.
	Box Rect
}

// FindBlobs returns the 4-connected regions of non-zero pixels of the w×h
// mask with at least minArea pixels, in scan order of their first pixel.
// It runs a flood fill with an explicit stack, so a blob as large as the
// image costs no recursion depth.
func FindBlobs(mask []uint8, w, h, minArea int) []Blob {
	return new(BlobBuffers).Find(mask, w, h, minArea)
}

// BlobBuffers is the working memory of FindBlobs, reused from call to
// call (the live frames' glare check labels a mask per frame). The zero
// value is ready to use; not for concurrent use.
type BlobBuffers struct {
	seen  []bool
	stack []int
	out   []Blob
}

// Find is FindBlobs with its working memory, and its result, in buf: the
// returned slice is valid until the next call.
func (buf *BlobBuffers) Find(mask []uint8, w, h, minArea int) []Blob {
	seen := resized(buf.seen, len(mask))
	clear(seen)
	out, stack := buf.out[:0], buf.stack[:0]
	defer func() { buf.seen, buf.out, buf.stack = seen, out, stack }()
	for start, v := range mask {
		if v == 0 || seen[start] {
			continue
		}
		b := Blob{Box: Rect{X0: start % w, Y0: start / w, X1: start%w + 1, Y1: start/w + 1}}
		seen[start] = true
		stack = append(stack[:0], start)
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			x, y := i%w, i/w
			b.Area++
			b.Box.X0, b.Box.Y0 = min(b.Box.X0, x), min(b.Box.Y0, y)
			b.Box.X1, b.Box.Y1 = max(b.Box.X1, x+1), max(b.Box.Y1, y+1)
			for _, j := range [4]int{i - 1, i + 1, i - w, i + w} {
				if j < 0 || j >= len(mask) || (j == i-1 && x == 0) || (j == i+1 && x == w-1) {
					continue
				}
				if mask[j] != 0 && !seen[j] {
					seen[j] = true
					stack = append(stack, j)
				}
			}
		}
		if b.Area >= minArea {
			out = append(out, b)
		}
	}
	return out
}
