//go:build cgo && gocv

// cv::imdecode loaded on first use (dlopen), for the formats the engine
// does not hand to libjpeg itself (PNG, BMP, WebP; CMYK JPEGs): linking
// libopencv_imgcodecs costs every run of the binary 0.05-0.07 CPU-s of
// dynamic relocations (GDAL and GDCM come with it), most of them never
// needing it.

#include <dlfcn.h>
#include <stdio.h>
#include <opencv2/core.hpp>

#include "imgcodecs_lazy_gocv.h"

typedef cv::Mat (*pf_imdecode_fn)(cv::InputArray, int);

// pf_imdecode_sym finds cv::imdecode(InputArray, int) in the imgcodecs
// library of the OpenCV the binary was built against; NULL when there is
// none. dlopen keeps its own reference count and lock, so calling it
// again is cheap and safe from any thread.
static pf_imdecode_fn pf_imdecode_sym(void) {
	char name[64];
	snprintf(name, sizeof name, "libopencv_imgcodecs.so.%d%d", CV_VERSION_MAJOR, CV_VERSION_MINOR);
	void *lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL) {
		lib = dlopen("libopencv_imgcodecs.so", RTLD_NOW | RTLD_LOCAL);
	}
	if (lib == NULL) {
		return NULL;
	}
	return (pf_imdecode_fn)dlsym(lib, "_ZN2cv8imdecodeERKNS_11_InputArrayEi");
}

int pf_lazy_imdecode(const unsigned char *data, int len, int flags, pf_decoded *out) {
	out->mat = NULL;
	pf_imdecode_fn f = pf_imdecode_sym();
	if (f == NULL) {
		return 1;
	}
	try {
		cv::Mat buf(1, len, CV_8UC1, (void *)data);
		cv::Mat m = f(buf, flags);
		if (m.empty()) {
			return 2;
		}
		cv::Mat *keep = new cv::Mat(m);
		out->mat = keep;
		out->rows = keep->rows;
		out->cols = keep->cols;
		out->type = keep->type();
		out->step = keep->step[0];
		out->data = keep->data;
		return 0;
	} catch (...) {
		return 2;
	}
}

void pf_lazy_free(pf_decoded *d) {
	delete (cv::Mat *)d->mat;
	d->mat = NULL;
}
