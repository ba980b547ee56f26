//go:build cgo && gocv

// pf_decoded is an image cv::imdecode returned: mat owns data.
typedef struct {
	void *mat;
	int rows, cols, type;
	size_t step;
	unsigned char *data;
} pf_decoded;

#ifdef __cplusplus
extern "C" {
#endif
// pf_lazy_imdecode runs cv::imdecode(data, flags) from the imgcodecs
// library loaded on first use: 0 with out set, 1 when the library or
// its function is missing, 2 when it could not decode the data.
int pf_lazy_imdecode(const unsigned char *data, int len, int flags, pf_decoded *out);
// pf_lazy_free releases what pf_lazy_imdecode set.
void pf_lazy_free(pf_decoded *d);
#ifdef __cplusplus
}
#endif
