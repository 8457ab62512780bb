#!/usr/bin/env python3
"""The chaoscast Mamba forecaster in PyTorch eager mode, for comparison with the CUDA kernels.

Reads the portable export GpuBench writes (model/mamba.f32 + mamba.f32.json), checks itself against
the pure-Java reference outputs GpuBench saved (check_ctx.f32 / check_java.f32), then times the same
batches (context 30, horizon 300) on CUDA. Same math as mamba.cu (Gu and Dao 2023, Algorithm 2:
selective Delta, B, C; ZOH A_bar = exp(Delta A), B_bar = (A_bar - 1) / A * B; h = A_bar h + B_bar v;
y = C h + D v), batched over streams, one token at a time.
"""
import argparse
import json
import math
import os
import time

import torch


def load(model_dir, device):
    meta_all = json.load(open(os.path.join(model_dir, "mamba.f32.json")))
    raw = torch.frombuffer(bytearray(open(os.path.join(model_dir, "mamba.f32"), "rb").read()), dtype=torch.float32)
    t = {}
    for e in meta_all["tensors"]:
        n = math.prod(e["shape"])
        t[e["name"]] = raw[e["offset"]:e["offset"] + n].view(*e["shape"]).to(device)
    return meta_all["meta"], t


class Mamba:
    def __init__(self, meta, t):
        self.m = meta
        self.t = t
        self.d, self.tau, self.dim, self.P = meta["channels"], meta["embedding_delay"], meta["embedding_dimension"], meta["patch"]
        self.L, self.N, self.K, self.R = meta["layers"], meta["state_dim"], meta["conv_width"], meta["dt_rank"]
        self.E = meta["expand"] * meta["model_dim"]
        self.A = [-torch.exp(t[f"layers.{l}.a_log"]) for l in range(self.L)]

    @staticmethod
    def rms(x, g):
        return x / torch.sqrt((x * x).mean(-1, keepdim=True) + 1e-5) * g

    def step(self, tok, conv, ssm, decode):
        t = self.t
        x = tok @ t["embed.weight"].T + t["embed.bias"]
        for l in range(self.L):
            p = f"layers.{l}."
            xz = self.rms(x, t[p + "norm.gain"]) @ t[p + "in_proj.weight"].T
            u, z = xz[:, :self.E], xz[:, self.E:]
            win = torch.cat([conv[l], u[:, None, :]], 1)  # [B, K, E]
            c = (win * t[p + "conv.weight"]).sum(1) + t[p + "conv.bias"]
            conv[l] = win[:, 1:]
            v = torch.nn.functional.silu(c)
            xd = v @ t[p + "x_proj.weight"].T
            dt, B, C = xd[:, :self.R], xd[:, self.R:self.R + self.N], xd[:, self.R + self.N:]
            delta = torch.nn.functional.softplus(dt @ t[p + "dt_proj.weight"].T + t[p + "dt_proj.bias"])
            a_bar = torch.exp(delta[:, :, None] * self.A[l])
            b_bar = (a_bar - 1) / self.A[l] * B[:, None, :]
            ssm[l] = a_bar * ssm[l] + b_bar * v[:, :, None]
            y = (ssm[l] * C[:, None, :]).sum(-1) + t[p + "d"] * v
            x = x + (y * torch.nn.functional.silu(z)) @ t[p + "out_proj.weight"].T
        if not decode:
            return None
        return self.rms(x, t["norm_f.gain"]) @ t["head.weight"].T + t["head.bias"]

    def token_index(self, end, device):
        q = torch.arange(self.P, device=device)[:, None]
        j = torch.arange(self.dim, device=device)[None, :]
        return (end - self.P + 1 + q - j * self.tau).reshape(-1)  # [P m]

    @torch.no_grad()
    def forecast(self, ctx, horizon):
        b, length, d = ctx.shape
        steps = -(-horizon // self.P)
        hist = torch.empty(b, length + steps * self.P, d, device=ctx.device)
        hist[:, :length] = ctx
        conv = [torch.zeros(b, self.K - 1, self.E, device=ctx.device) for _ in range(self.L)]
        ssm = [torch.zeros(b, self.E, self.N, device=ctx.device) for _ in range(self.L)]
        tokens = (length - (self.dim - 1) * self.tau) // self.P
        first = length - 1 - (tokens - 1) * self.P
        out = None
        for k in range(tokens):
            tok = hist[:, self.token_index(first + k * self.P, ctx.device)].reshape(b, -1)
            out = self.step(tok, conv, ssm, k == tokens - 1)
        end = length - 1
        for s in range(steps):
            hist[:, end + 1:end + 1 + self.P] = out.view(b, self.P, d)
            end += self.P
            if s == steps - 1:
                break
            tok = hist[:, self.token_index(end, ctx.device)].reshape(b, -1)
            out = self.step(tok, conv, ssm, True)
        return hist[:, length:length + horizon]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--batches", default="1,16,256,1024,4096,16384,65536")
    ap.add_argument("--context", type=int, default=30)
    ap.add_argument("--horizon", type=int, default=300)
    a = ap.parse_args()
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    meta, t = load(a.model, dev)
    m = Mamba(meta, t)
    print(f"# PyTorch {torch.__version__} eager on {torch.cuda.get_device_name() if dev.type == 'cuda' else 'cpu'}\n")
    ref_file = os.path.join(a.model, "check_java.f32")
    if os.path.exists(ref_file):
        ctx = torch.frombuffer(bytearray(open(os.path.join(a.model, "check_ctx.f32"), "rb").read()), dtype=torch.float32)
        ref = torch.frombuffer(bytearray(open(ref_file, "rb").read()), dtype=torch.float32)
        b = ctx.numel() // (a.context * m.d)
        got = m.forecast(ctx.view(b, a.context, m.d).to(dev), a.horizon).reshape(-1).cpu()
        err = ((got - ref).abs() / ref.abs().clamp(min=1)).max().item()
        print(f"check vs pure Java (batch {b}): max rel. error {err:.2e} {'ok' if err < 1e-4 else 'FAIL'}\n")
    print("| batch | torch eager forecasts/s | latency ms (end to end) |")
    print("|---:|---:|---:|")
    for b in [int(x) for x in a.batches.split(",")]:
        ctx = torch.randn(b, a.context, m.d)
        reps = 3 if b <= 4096 else 1
        m.forecast(ctx.to(dev), a.horizon).cpu()  # warm-up
        if dev.type == "cuda":
            torch.cuda.synchronize()
        t0 = time.perf_counter()
        for _ in range(reps):
            m.forecast(ctx.to(dev), a.horizon).cpu()
        ms = (time.perf_counter() - t0) / reps * 1e3
        print(f"| {b} | {b / ms * 1e3:.0f} | {ms:.3f} |")


if __name__ == "__main__":
    main()
