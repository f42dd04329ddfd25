// Overlapping footprints among many axis-aligned rectangles, found through a uniform grid of
// buckets (a spatial hash) instead of testing every pair: site validation (racks in a hall) and
// the hall air model's case check (rack boxes) use it, so that a 10,000-rack site is O(n).
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace dctwin::model {

/// Axis-aligned rectangle [x0, x1] x [y0, y1] in metres.
struct FootprintRect {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

/// Buckets of at least this edge, in metres: larger than a rack's footprint (1.2 m deep, 1.3 m
/// across when turned 45 degrees), so that a real hall puts a few racks in each bucket.
inline constexpr double kOverlapMinBucketM = 2.0;

/// Calls visit(i, js) for every rectangle i, in ascending i, that overlaps one or more
/// rectangles j > i; js lists those j in ascending order. Two rectangles overlap when their
/// interiors intersect by more than tol on both axes (rectangles that touch do not overlap) and,
/// when also is given, also(i, j) is true (e.g. the boxes overlap in height too).
///
/// Each rectangle is put in the bucket of its lower corner; the buckets are as large as the
/// largest rectangle (at least kOverlapMinBucketM), so a rectangle that overlaps another has its
/// lower corner in one of the 3 x 3 buckets around the other's and pairs across bucket edges are
/// found. Work: O(n + pairs tested) for real layouts. Rectangles with a non-finite or inverted
/// corner are skipped (the callers report them). visit returns false to stop early.
void for_each_overlap(
    const std::vector<FootprintRect>& rects, double tol,
    const std::function<bool(std::size_t i, const std::vector<std::size_t>& js)>& visit,
    const std::function<bool(std::size_t i, std::size_t j)>& also = {});

}  // namespace dctwin::model
