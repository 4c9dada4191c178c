#version 450
// The waveform view as a compute shader: mirrors waveform_view.c and its GL half
// (gl_waveform_view.c), pixel for pixel. Row 0 is the image's top.
layout(local_size_x = 16, local_size_y = 16) in;
layout(set = 0, binding = 0, rgba8) uniform writeonly image2D frame;
layout(std430, set = 0, binding = 1) readonly buffer Data { float columns[]; }; // min, max, rms
layout(push_constant) uniform Constants {
    ivec4 geometry; // width, height
    vec4 levels;    // unused here
    uvec4 colours;  // background, envelope, rms, centre line: RGBA bytes
} k;

int row_of_amplitude(float a) {
    int height = k.geometry.y;
    int row = int(floor((1.0 - a) * 0.5 * float(height - 1) + 0.5));
    return clamp(row, 0, height - 1);
}

void main() {
    ivec2 p = ivec2(gl_GlobalInvocationID.xy);
    if (p.x >= k.geometry.x || p.y >= k.geometry.y) return;
    vec3 e = vec3(columns[3 * p.x], columns[3 * p.x + 1], columns[3 * p.x + 2]);
    vec4 background = unpackUnorm4x8(k.colours.x);
    vec4 c = background;
    if (!(e.x == 0.0 && e.y == 0.0)) {
        int top = row_of_amplitude(e.y), bottom = row_of_amplitude(e.x);
        int rms_top = max(row_of_amplitude(e.z), top);
        int rms_bottom = min(row_of_amplitude(-e.z), bottom);
        if (p.y >= top && p.y <= bottom) {
            c = unpackUnorm4x8(k.colours.y);
            if (rms_top <= rms_bottom && p.y >= rms_top && p.y <= rms_bottom)
                c = unpackUnorm4x8(k.colours.z);
        }
    }
    if (p.y == k.geometry.y / 2 && c == background) c = unpackUnorm4x8(k.colours.w);
    imageStore(frame, p, c);
}
