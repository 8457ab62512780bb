// Batched fp32 inference of the chaoscast Mamba forecaster (issue 8).
//
// The model is Mamba-1 (Gu and Dao 2023, "Mamba: Linear-Time Sequence Modeling with Selective
// State Spaces"): per layer, x <- x + out_proj(y * SiLU(z)) with (u, z) = in_proj(RMSNorm(x)),
// v = SiLU(causal depthwise conv_K(u)), selection (Algorithm 2) dt_in, B, C = x_proj(v),
// Delta = softplus(dt_proj(dt_in)), zero-order hold (eq. 4) A_bar = exp(Delta A),
// B_bar = (A_bar - 1) / A * B, recurrence (eq. 2a-2b) h = A_bar h + B_bar v, y = C h + D v.
// Tokens are delay-embedded patches (PhyxMamba); a linear head decodes the next patch, as values
// or (residual output) as increments on the token's last sample z_t.
//
// Parallelism: one warp per forecast stream. Lanes split the output rows of every projection
// and the inner channels e of the conv and the scan; the stream's whole recurrent state (conv
// window [layers][K-1][E] and SSM state [layers][N][E]) and its activations live in shared
// memory for the whole forecast, so the rollout never goes back to global memory except to read
// weights (L1/L2-resident) and to read and write the stream's own samples.
//
// Parameters: one float array in the canonical order of MambaWeights.packed() (Java), with
// A = -exp(a_log) precomputed. Offsets are computed here from the dimensions (layout_*), exactly as
// io.chaoscast.models.mamba.f32.ParameterLayout does. CudaMambaEngine uploads every matrix
// TRANSPOSED (linear maps [in][out], A as [N][E]) so that the 32 lanes of a warp, which own
// consecutive output rows, read consecutive addresses: one coalesced 128-byte load per step.
//
// Contexts [B][L][d] arrive standardised; forecasts [B][H][d] leave standardised. Samples at or
// after L are read back from the output (every token of the rollout lies inside the horizon).
//
// Regenerate the committed PTX with: mvn -o -pl models -Pptx generate-resources
// (nvcc -ptx -arch=compute_80 -o models/src/main/resources/io/chaoscast/models/mamba/cuda/mamba.ptx
//  models/src/main/cuda/mamba.cu)

#define FULL_MASK 0xffffffffu
#define RMS_EPSILON 1e-5f

// dims[] as passed by CudaMambaEngine: channels, delay, dimension, patch, model dim, layers,
// inner dim E, state N, conv width K, dt rank R, residual output (0 or 1).
struct Dims {
  int ch, tau, m, P, D, layers, E, N, K, R, residual;
  int TD, PD, XP;  // token dim P m d, patch dim P d, x_proj outputs R + 2N
};

__device__ __forceinline__ Dims load_dims(const int* __restrict__ a) {
  Dims d;
  d.ch = a[0]; d.tau = a[1]; d.m = a[2]; d.P = a[3]; d.D = a[4];
  d.layers = a[5]; d.E = a[6]; d.N = a[7]; d.K = a[8]; d.R = a[9]; d.residual = a[10];
  d.TD = d.P * d.m * d.ch; d.PD = d.P * d.ch; d.XP = d.R + 2 * d.N;
  return d;
}

// ---- parameter layout (mirrors ParameterLayout.java) ----
__device__ __forceinline__ int layout_embed_bias(const Dims& d) { return d.D * d.TD; }
__device__ __forceinline__ int layout_layer_size(const Dims& d) {
  return d.D + 2 * d.E * d.D + d.K * d.E + d.E + d.XP * d.E + d.E * d.R + d.E + d.E * d.N + d.E
      + d.D * d.E;
}
__device__ __forceinline__ int layout_layer(const Dims& d, int l) {
  return layout_embed_bias(d) + d.D + l * layout_layer_size(d);
}

// Shared floats one stream (warp) needs: activations plus its recurrent state.
__device__ __forceinline__ int shared_floats(const Dims& d) {
  return d.TD + 2 * d.D + 2 * d.E + d.E + d.XP + d.E
      + d.layers * (d.K - 1) * d.E + d.layers * d.E * d.N;
}

struct Stream {
  float* tok;   // [TD]
  float* x;     // [D] residual stream
  float* nrm;   // [D]
  float* xz;    // [2E]: u then z
  float* v;     // [E]
  float* xdbl;  // [XP]: dt_in, B, C
  float* g;     // [E] gated SSM output
  float* conv;  // [layers][K-1][E]
  float* ssm;   // [layers][N][E]
};

__device__ __forceinline__ Stream carve(float* s, const Dims& d) {
  Stream st;
  st.tok = s; s += d.TD;
  st.x = s; s += d.D;
  st.nrm = s; s += d.D;
  st.xz = s; s += 2 * d.E;
  st.v = s; s += d.E;
  st.xdbl = s; s += d.XP;
  st.g = s; s += d.E;
  st.conv = s; s += d.layers * (d.K - 1) * d.E;
  st.ssm = s;
  return st;
}

__device__ __forceinline__ float warp_sum(float v) {
  for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(FULL_MASK, v, o);
  return v;
}

__device__ __forceinline__ float silu(float x) { return __fdividef(x, 1.f + expf(-x)); }
__device__ __forceinline__ float softplus(float x) { return x > 20.f ? x : log1pf(expf(x)); }

// out[rows] = W in (+ b) with W stored transposed ([cols][rows]): lanes split the rows, so each
// step j is one coalesced load of W^T[j][lane..] and a broadcast read of in[j] from shared memory.
__device__ __forceinline__ void linear_warp(const float* __restrict__ Wt, const float* __restrict__ b,
                                            const float* in, int cols, float* out, int rows, int lane) {
  for (int i = lane; i < rows; i += 32) {
    float s = b ? __ldg(b + i) : 0.f;
    for (int j = 0; j < cols; j++) s = fmaf(__ldg(Wt + (size_t)j * rows + i), in[j], s);
    out[i] = s;
  }
  __syncwarp();
}

// RMSNorm (Zhang and Sennrich 2019): x / sqrt(mean(x^2) + eps) * g.
__device__ __forceinline__ void rms_norm_warp(const float* x, const float* __restrict__ gain, float* out,
                                              int n, int lane) {
  float ss = 0.f;
  for (int j = lane; j < n; j += 32) ss += x[j] * x[j];
  ss = warp_sum(ss);
  float rms = sqrtf(ss / n + RMS_EPSILON);
  for (int j = lane; j < n; j += 32) out[j] = x[j] / rms * __ldg(gain + j);
  __syncwarp();
}

// Input projection of layer l: (u, z) = in_proj(RMSNorm(x)).
__device__ __forceinline__ void in_proj(const Dims& d, const float* __restrict__ p, int l, Stream& s,
                                        int lane) {
  int base = layout_layer(d, l);
  rms_norm_warp(s.x, p + base, s.nrm, d.D, lane);
  linear_warp(p + base + d.D, nullptr, s.nrm, d.D, s.xz, 2 * d.E, lane);
}

// Causal depthwise conv over u_{t-K+1..t} (window in shared memory), then SiLU; shifts the window.
__device__ __forceinline__ void causal_conv(const Dims& d, const float* __restrict__ p, int l, Stream& s,
                                            int lane) {
  int base = layout_layer(d, l) + d.D + 2 * d.E * d.D;
  const float* w = p + base;            // [K, E]
  const float* bias = w + d.K * d.E;    // [E]
  float* win = s.conv + l * (d.K - 1) * d.E;
  for (int e = lane; e < d.E; e += 32) {
    float u = s.xz[e];
    float c = __ldg(bias + e);
    for (int k = 0; k < d.K - 1; k++) c = fmaf(__ldg(w + k * d.E + e), win[k * d.E + e], c);
    c = fmaf(__ldg(w + (d.K - 1) * d.E + e), u, c);
    for (int k = 0; k < d.K - 2; k++) win[k * d.E + e] = win[(k + 1) * d.E + e];
    if (d.K > 1) win[(d.K - 2) * d.E + e] = u;
    s.v[e] = silu(c);
  }
  __syncwarp();
}

// Selection, ZOH discretisation and one step of the selective scan (eq. 2a-2b, 4), the D skip,
// the SiLU(z) gate, out_proj and the residual add.
__device__ __forceinline__ void selective_scan_step(const Dims& d, const float* __restrict__ p, int l,
                                                    Stream& s, int lane) {
  int base = layout_layer(d, l) + d.D + 2 * d.E * d.D + d.K * d.E + d.E;
  const float* xw = p + base;                  // x_proj^T [E][XP]
  const float* dtw = xw + d.XP * d.E;          // dt_proj^T [R][E]
  const float* dtb = dtw + d.E * d.R;          // [E]
  const float* A = dtb + d.E;                  // A^T [N][E], A = -exp(a_log)
  const float* Dskip = A + d.E * d.N;          // [E]
  const float* ow = Dskip + d.E;               // out_proj^T [E][D]
  linear_warp(xw, nullptr, s.v, d.E, s.xdbl, d.XP, lane);
  const float* B = s.xdbl + d.R;
  const float* C = B + d.N;
  float* h = s.ssm + l * d.E * d.N;  // [N][E]: lanes hit consecutive banks
  for (int e = lane; e < d.E; e += 32) {
    float dt = __ldg(dtb + e);
    for (int r = 0; r < d.R; r++) dt = fmaf(__ldg(dtw + r * d.E + e), s.xdbl[r], dt);
    float delta = softplus(dt);
    float ve = s.v[e];
    float y = 0.f;
    for (int n = 0; n < d.N; n++) {
      float a = __ldg(A + n * d.E + e);
      float aBar = expf(delta * a);
      float bBar = __fdividef(aBar - 1.f, a) * B[n];
      float hn = fmaf(aBar, h[n * d.E + e], bBar * ve);
      h[n * d.E + e] = hn;
      y = fmaf(hn, C[n], y);
    }
    y = fmaf(__ldg(Dskip + e), ve, y);
    s.g[e] = y * silu(s.xz[d.E + e]);
  }
  __syncwarp();
  for (int j = lane; j < d.D; j += 32) {
    float acc = 0.f;
    for (int e = 0; e < d.E; e++) acc = fmaf(__ldg(ow + (size_t)e * d.D + j), s.g[e], acc);
    s.x[j] += acc;
  }
  __syncwarp();
}

// Sample t, channel c of a stream: the context below L, the stream's own forecast from L on.
__device__ __forceinline__ float sample(const float* ctx, const float* out, int length, int ch, int t, int c) {
  return t < length ? ctx[t * ch + c] : out[(t - length) * ch + c];
}

// Token ending at sample `end`: P delay vectors (z_t, z_{t-tau}, ..., z_{t-(m-1)tau}), flattened.
__device__ __forceinline__ void gather_token(const Dims& d, const float* ctx, const float* out, int length,
                                             int end, Stream& s, int lane) {
  int per = d.m * d.ch;
  for (int i = lane; i < d.TD; i += 32) {
    int q = i / per, rem = i - q * per, j = rem / d.ch, c = rem - j * d.ch;
    int t = end - d.P + 1 + q;
    s.tok[i] = sample(ctx, out, length, d.ch, t - j * d.tau, c);
  }
  __syncwarp();
}

// One token through the whole network; if `at` >= 0, decodes the next patch into samples
// at, at + 1, ... (those inside the horizon).
__device__ void network_step(const Dims& d, const float* __restrict__ p, Stream& s, float* out, int length,
                             int horizon, int at, int lane) {
  linear_warp(p, p + layout_embed_bias(d), s.tok, d.TD, s.x, d.D, lane);
  for (int l = 0; l < d.layers; l++) {
    in_proj(d, p, l, s, lane);
    causal_conv(d, p, l, s, lane);
    selective_scan_step(d, p, l, s, lane);
  }
  if (at < 0) return;
  int fn = layout_layer(d, d.layers);
  rms_norm_warp(s.x, p + fn, s.nrm, d.D, lane);
  const float* hw = p + fn + d.D;       // head^T [D][PD]
  const float* hb = hw + d.PD * d.D;
  const float* last = s.tok + (d.P - 1) * d.m * d.ch;  // z_t, the token's last sample
  for (int i = lane; i < d.PD; i += 32) {
    float acc = d.residual ? __ldg(hb + i) + last[i % d.ch] : __ldg(hb + i);
    for (int j = 0; j < d.D; j++) acc = fmaf(__ldg(hw + j * d.PD + i), s.nrm[j], acc);
    int t = at + i / d.ch - length;
    if (t < horizon) out[t * d.ch + i % d.ch] = acc;
  }
  __syncwarp();
}

__device__ __forceinline__ int tokens_in(const Dims& d, int length) {
  int n = (length - (d.m - 1) * d.tau) / d.P;
  return n > 0 ? n : 0;
}

// Context pass: the selective scan over the context tokens from the zero state; decodes the first
// patch of the forecast.
__device__ void context_pass(const Dims& d, const float* __restrict__ p, Stream& s, const float* ctx,
                             float* out, int length, int horizon, int lane) {
  for (int i = lane; i < d.layers * (d.K - 1) * d.E; i += 32) s.conv[i] = 0.f;
  for (int i = lane; i < d.layers * d.E * d.N; i += 32) s.ssm[i] = 0.f;
  __syncwarp();
  int tokens = tokens_in(d, length);
  int first = length - 1 - (tokens - 1) * d.P;
  for (int t = 0; t < tokens; t++) {
    gather_token(d, ctx, out, length, first + t * d.P, s, lane);
    network_step(d, p, s, out, length, horizon, t == tokens - 1 ? length : -1, lane);
  }
}

// Recurrent rollout: each predicted patch is the next token; state stays in shared memory.
__device__ void rollout(const Dims& d, const float* __restrict__ p, Stream& s, const float* ctx, float* out,
                        int length, int horizon, int lane) {
  int steps = (horizon + d.P - 1) / d.P;
  int end = length - 1;
  for (int k = 1; k < steps; k++) {
    end += d.P;
    gather_token(d, ctx, out, length, end, s, lane);
    network_step(d, p, s, out, length, horizon, end + 1, lane);
  }
}

__device__ __forceinline__ void copy_state(const Dims& d, float* dst, const float* src, int lane) {
  int n = d.layers * (d.K - 1) * d.E + d.layers * d.E * d.N;
  for (int i = lane; i < n; i += 32) dst[i] = src[i];
  __syncwarp();
}

// Fused forecast: context scan then rollout, one warp per stream, state on chip throughout.
// Launch: blockDim.x = 32 * streams per block, dynamic shared memory = streams per block *
// shared_floats * 4 bytes, grid = ceil(batch / streams per block).
extern "C" __global__ void mamba_forecast(const float* __restrict__ params, const int* __restrict__ dims,
                                          const float* __restrict__ ctx, float* __restrict__ out,
                                          int batch, int length, int horizon) {
  extern __shared__ float smem[];
  Dims d = load_dims(dims);
  int warp = threadIdx.x >> 5, lane = threadIdx.x & 31;
  int b = blockIdx.x * (blockDim.x >> 5) + warp;
  if (b >= batch) return;  // the whole warp leaves together
  Stream s = carve(smem + warp * shared_floats(d), d);
  const float* c = ctx + (size_t)b * length * d.ch;
  float* o = out + (size_t)b * horizon * d.ch;
  context_pass(d, params, s, c, o, length, horizon, lane);
  rollout(d, params, s, c, o, length, horizon, lane);
}

// Split form, for profiling the two phases: mamba_context scans the context and parks each
// stream's state in `state` ([B][layers((K-1)E + EN)]); mamba_rollout restores it and rolls out.
extern "C" __global__ void mamba_context(const float* __restrict__ params, const int* __restrict__ dims,
                                         const float* __restrict__ ctx, float* __restrict__ out,
                                         float* __restrict__ state, int batch, int length, int horizon) {
  extern __shared__ float smem[];
  Dims d = load_dims(dims);
  int warp = threadIdx.x >> 5, lane = threadIdx.x & 31;
  int b = blockIdx.x * (blockDim.x >> 5) + warp;
  if (b >= batch) return;
  Stream s = carve(smem + warp * shared_floats(d), d);
  context_pass(d, params, s, ctx + (size_t)b * length * d.ch, out + (size_t)b * horizon * d.ch, length,
               horizon, lane);
  int n = d.layers * (d.K - 1) * d.E + d.layers * d.E * d.N;
  copy_state(d, state + (size_t)b * n, s.conv, lane);
}

extern "C" __global__ void mamba_rollout(const float* __restrict__ params, const int* __restrict__ dims,
                                         const float* __restrict__ ctx, float* __restrict__ out,
                                         const float* __restrict__ state, int batch, int length, int horizon) {
  extern __shared__ float smem[];
  Dims d = load_dims(dims);
  int warp = threadIdx.x >> 5, lane = threadIdx.x & 31;
  int b = blockIdx.x * (blockDim.x >> 5) + warp;
  if (b >= batch) return;
  Stream s = carve(smem + warp * shared_floats(d), d);
  int n = d.layers * (d.K - 1) * d.E + d.layers * d.E * d.N;
  copy_state(d, s.conv, state + (size_t)b * n, lane);
  rollout(d, params, s, ctx + (size_t)b * length * d.ch, out + (size_t)b * horizon * d.ch, length, horizon,
          lane);
}
