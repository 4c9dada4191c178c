#version 450
// The spectrogram view as a compute shader: mirrors spectrogram_view.c and its GL half
// (gl_spectrogram_view.c). The history is a ring of `width` columns of `height` dB values,
// column = frame % width, scrolled here. Row 0 is the image's top.
layout(local_size_x = 16, local_size_y = 16) in;
layout(set = 0, binding = 0, rgba8) uniform writeonly image2D frame;
layout(std430, set = 0, binding = 1) readonly buffer Data { float ring[]; };
layout(std430, set = 0, binding = 2) readonly buffer Static { uint palette[]; }; // 256 RGBA
layout(push_constant) uniform Constants {
    ivec4 geometry; // width, height, newest frame
    vec4 levels;    // floor dB, to index
    uvec4 colours;  // unused here
} k;

void main() {
    ivec2 p = ivec2(gl_GlobalInvocationID.xy);
    int width = k.geometry.x, height = k.geometry.y;
    if (p.x >= width || p.y >= height) return;
    int frame_number = k.geometry.z - (width - 1 - p.x);
    int index = 0; // columns before the first frame show silence
    if (frame_number >= 0) {
        float db = ring[(frame_number % width) * height + p.y];
        float level = (db - k.levels.x) * k.levels.y + 0.5;
        index = level <= 0.0 ? 0 : level >= 255.0 ? 255 : int(level);
    }
    imageStore(frame, p, unpackUnorm4x8(palette[index]));
}
