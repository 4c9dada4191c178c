#version 450
// The spectrum view as a compute shader: mirrors spectrum_view.c and its GL half
// (gl_spectrum_view.c). Row 0 is the image's top.
layout(local_size_x = 16, local_size_y = 16) in;
layout(set = 0, binding = 0, rgba8) uniform writeonly image2D frame;
layout(std430, set = 0, binding = 1) readonly buffer Data { vec2 levels[]; }; // level, cap dB
layout(std430, set = 0, binding = 2) readonly buffer Static { int bar_of_column[]; }; // -1: gap
layout(push_constant) uniform Constants {
    ivec4 geometry; // width, height, unused, cap rows
    vec4 levels;    // floor dB
    uvec4 colours;  // background, bar, peak cap: RGBA bytes
} k;

int height_of_db(float db) {
    float floor_db = k.levels.x;
    return int(floor((db - floor_db) / -floor_db * float(k.geometry.y) + 0.5));
}

void main() {
    ivec2 p = ivec2(gl_GlobalInvocationID.xy);
    int height = k.geometry.y;
    if (p.x >= k.geometry.x || p.y >= height) return;
    int b = bar_of_column[p.x];
    vec4 c = unpackUnorm4x8(k.colours.x);
    if (b >= 0) {
        vec2 level = levels[b];
        int bar_top = height - height_of_db(level.x);
        int peak_height = height_of_db(level.y);
        int cap_end = height - peak_height;
        int cap_start = max(cap_end - k.geometry.w, 0);
        if (peak_height > 0) {
            if (p.y >= cap_start) c = unpackUnorm4x8(k.colours.z);
            if (p.y >= cap_end) c = unpackUnorm4x8(k.colours.x);
        }
        if (p.y >= bar_top) c = unpackUnorm4x8(k.colours.y);
    }
    imageStore(frame, p, c);
}
