;; BF16/FP16 rounding of float32 arrays on the TF.js wasm backend's heap, four values per
;; instruction (wasm SIMD). Bit for bit the loops of round-formats.ts (see its comments for the
;; rules); round-simd.test.ts checks the two against each other over every exponent and the
;; mantissa patterns around each rounding boundary.
;;
;; Regenerate round-simd-binary.ts after editing: npm run build:wasm
;;
;; Both functions round the first `count & ~15` float32 values at byte offset $src into $dst
;; ($dst may equal $src) and return how many they rounded; the caller rounds the last few. Each loop iteration handles four
;; vectors written out in full: V8 does not inline wasm calls by default, and one vector per
;; iteration ran at half the speed. Constants live in locals so each vector's code stays short.
(module
  (import "env" "memory" (memory 0))

  (func (export "roundBf16") (param $src i32) (param $dst i32) (param $count i32) (result i32)
    (local $end i32) (local $u v128)
    (local $abs v128) (local $inf v128) (local $quiet v128) (local $half v128) (local $one v128) (local $keep v128)
    (local.set $abs (i32x4.splat (i32.const 0x7fffffff)))
    (local.set $inf (i32x4.splat (i32.const 0x7f800000)))
    (local.set $quiet (i32x4.splat (i32.const 0x00400000)))
    (local.set $half (i32x4.splat (i32.const 0x7fff)))
    (local.set $one (i32x4.splat (i32.const 1)))
    (local.set $keep (i32x4.splat (i32.const 0xffff0000)))
    (local.set $count (i32.and (local.get $count) (i32.const -16)))
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        ;; NaN (|u| > Inf): quiet, keep sign; otherwise add 0x7fff + the lowest kept bit, then clear the low half.
        (local.set $u (v128.load offset=0 (local.get $src)))
        (v128.store offset=0 (local.get $dst) (v128.and (local.get $keep)
          (v128.bitselect (v128.or (local.get $u) (local.get $quiet))
                          (i32x4.add (i32x4.add (local.get $u) (local.get $half)) (v128.and (i32x4.shr_u (local.get $u) (i32.const 16)) (local.get $one)))
                          (i32x4.gt_s (v128.and (local.get $u) (local.get $abs)) (local.get $inf)))))
        (local.set $u (v128.load offset=16 (local.get $src)))
        (v128.store offset=16 (local.get $dst) (v128.and (local.get $keep)
          (v128.bitselect (v128.or (local.get $u) (local.get $quiet))
                          (i32x4.add (i32x4.add (local.get $u) (local.get $half)) (v128.and (i32x4.shr_u (local.get $u) (i32.const 16)) (local.get $one)))
                          (i32x4.gt_s (v128.and (local.get $u) (local.get $abs)) (local.get $inf)))))
        (local.set $u (v128.load offset=32 (local.get $src)))
        (v128.store offset=32 (local.get $dst) (v128.and (local.get $keep)
          (v128.bitselect (v128.or (local.get $u) (local.get $quiet))
                          (i32x4.add (i32x4.add (local.get $u) (local.get $half)) (v128.and (i32x4.shr_u (local.get $u) (i32.const 16)) (local.get $one)))
                          (i32x4.gt_s (v128.and (local.get $u) (local.get $abs)) (local.get $inf)))))
        (local.set $u (v128.load offset=48 (local.get $src)))
        (v128.store offset=48 (local.get $dst) (v128.and (local.get $keep)
          (v128.bitselect (v128.or (local.get $u) (local.get $quiet))
                          (i32x4.add (i32x4.add (local.get $u) (local.get $half)) (v128.and (i32x4.shr_u (local.get $u) (i32.const 16)) (local.get $one)))
                          (i32x4.gt_s (v128.and (local.get $u) (local.get $abs)) (local.get $inf)))))
        (local.set $src (i32.add (local.get $src) (i32.const 64)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
        (br $next)))
    (local.get $count))

  ;; Per lane, with a = |u|:
  ;;   normal range: add 0xfff + the lowest kept bit, clear 13 bits; 65520 and up → Inf.
  ;;   |x| < 2^-14 (fp16 subnormals, quantum 2^-24): (a + 0.5) - 0.5 in float32. The sum lies in
  ;;     [0.5, 1), whose spacing is exactly 2^-24, so the FPU's own round-to-nearest-even does it;
  ;;     the subtraction is exact. Zero stays zero.
  ;;   NaN: quiet, keep sign, truncate the payload. The sign is put back with u xor a.
  (func (export "roundFp16") (param $src i32) (param $dst i32) (param $count i32) (result i32)
    (local $end i32) (local $u v128) (local $a v128) (local $normal v128) (local $magnitude v128)
    (local $abs v128) (local $inf v128) (local $quiet v128) (local $bias v128) (local $one v128) (local $keep v128)
    (local $overflowAbove v128) (local $normalFrom v128) (local $pointFive v128)
    (local.set $abs (i32x4.splat (i32.const 0x7fffffff)))
    (local.set $inf (i32x4.splat (i32.const 0x7f800000)))
    (local.set $quiet (i32x4.splat (i32.const 0x00400000)))
    (local.set $bias (i32x4.splat (i32.const 0xfff)))
    (local.set $one (i32x4.splat (i32.const 1)))
    (local.set $keep (i32x4.splat (i32.const 0xffffe000)))
    (local.set $overflowAbove (i32x4.splat (i32.const 0x477fffff)))
    (local.set $normalFrom (i32x4.splat (i32.const 0x38800000)))
    (local.set $pointFive (f32x4.splat (f32.const 0.5)))
    (local.set $count (i32.and (local.get $count) (i32.const -16)))
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $u (v128.load offset=0 (local.get $src)))
        (local.set $a (v128.and (local.get $u) (local.get $abs)))
        (local.set $normal (v128.and (local.get $keep) (i32x4.add (i32x4.add (local.get $a) (local.get $bias)) (v128.and (i32x4.shr_u (local.get $a) (i32.const 13)) (local.get $one)))))
        (local.set $normal (v128.bitselect (local.get $inf) (local.get $normal) (i32x4.gt_s (local.get $normal) (local.get $overflowAbove))))
        (local.set $magnitude (v128.bitselect (f32x4.sub (f32x4.add (local.get $a) (local.get $pointFive)) (local.get $pointFive)) (local.get $normal) (i32x4.gt_s (local.get $normalFrom) (local.get $a))))
        (v128.store offset=0 (local.get $dst)
          (v128.bitselect (v128.and (v128.or (local.get $u) (local.get $quiet)) (local.get $keep))
                          (v128.or (local.get $magnitude) (v128.xor (local.get $u) (local.get $a)))
                          (i32x4.gt_s (local.get $a) (local.get $inf))))
        (local.set $u (v128.load offset=16 (local.get $src)))
        (local.set $a (v128.and (local.get $u) (local.get $abs)))
        (local.set $normal (v128.and (local.get $keep) (i32x4.add (i32x4.add (local.get $a) (local.get $bias)) (v128.and (i32x4.shr_u (local.get $a) (i32.const 13)) (local.get $one)))))
        (local.set $normal (v128.bitselect (local.get $inf) (local.get $normal) (i32x4.gt_s (local.get $normal) (local.get $overflowAbove))))
        (local.set $magnitude (v128.bitselect (f32x4.sub (f32x4.add (local.get $a) (local.get $pointFive)) (local.get $pointFive)) (local.get $normal) (i32x4.gt_s (local.get $normalFrom) (local.get $a))))
        (v128.store offset=16 (local.get $dst)
          (v128.bitselect (v128.and (v128.or (local.get $u) (local.get $quiet)) (local.get $keep))
                          (v128.or (local.get $magnitude) (v128.xor (local.get $u) (local.get $a)))
                          (i32x4.gt_s (local.get $a) (local.get $inf))))
        (local.set $u (v128.load offset=32 (local.get $src)))
        (local.set $a (v128.and (local.get $u) (local.get $abs)))
        (local.set $normal (v128.and (local.get $keep) (i32x4.add (i32x4.add (local.get $a) (local.get $bias)) (v128.and (i32x4.shr_u (local.get $a) (i32.const 13)) (local.get $one)))))
        (local.set $normal (v128.bitselect (local.get $inf) (local.get $normal) (i32x4.gt_s (local.get $normal) (local.get $overflowAbove))))
        (local.set $magnitude (v128.bitselect (f32x4.sub (f32x4.add (local.get $a) (local.get $pointFive)) (local.get $pointFive)) (local.get $normal) (i32x4.gt_s (local.get $normalFrom) (local.get $a))))
        (v128.store offset=32 (local.get $dst)
          (v128.bitselect (v128.and (v128.or (local.get $u) (local.get $quiet)) (local.get $keep))
                          (v128.or (local.get $magnitude) (v128.xor (local.get $u) (local.get $a)))
                          (i32x4.gt_s (local.get $a) (local.get $inf))))
        (local.set $u (v128.load offset=48 (local.get $src)))
        (local.set $a (v128.and (local.get $u) (local.get $abs)))
        (local.set $normal (v128.and (local.get $keep) (i32x4.add (i32x4.add (local.get $a) (local.get $bias)) (v128.and (i32x4.shr_u (local.get $a) (i32.const 13)) (local.get $one)))))
        (local.set $normal (v128.bitselect (local.get $inf) (local.get $normal) (i32x4.gt_s (local.get $normal) (local.get $overflowAbove))))
        (local.set $magnitude (v128.bitselect (f32x4.sub (f32x4.add (local.get $a) (local.get $pointFive)) (local.get $pointFive)) (local.get $normal) (i32x4.gt_s (local.get $normalFrom) (local.get $a))))
        (v128.store offset=48 (local.get $dst)
          (v128.bitselect (v128.and (v128.or (local.get $u) (local.get $quiet)) (local.get $keep))
                          (v128.or (local.get $magnitude) (v128.xor (local.get $u) (local.get $a)))
                          (i32x4.gt_s (local.get $a) (local.get $inf))))
        (local.set $src (i32.add (local.get $src) (i32.const 64)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
        (br $next)))
    (local.get $count)))
