;; Column sums of a float32 matrix on the TF.js wasm backend's heap (wasm SIMD, four columns per
;; instruction): the bias gradients of every dense layer. wasm-leading-sum.ts runs leading-axes
;; sums through this; see there for why.
;;
;; Regenerate column-sums-binary.ts after editing: npm run build:wasm
(module
  (import "env" "memory" (memory 0))

  ;; dst[c] = Σ_r src[r, c] for a [rows, cols] matrix, rows ≥ 1 and cols ≥ 4. Each column's
  ;; values are added in row order from 0, as the stock kernel adds them, so the sums match it
  ;; bit for bit. Sixteen columns at a time, then four at a time; the last four are moved back
  ;; to end at the edge, and recompute (identically) the columns they overlap.
  (func (export "columnSums") (param $src i32) (param $rows i32) (param $cols i32) (param $dst i32)
    (local $ld i32) (local $col i32) (local $p i32) (local $r i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $ld (i32.shl (local.get $cols) (i32.const 2)))
    (block $sixteens
      (loop $blocks
        (br_if $sixteens (i32.gt_u (i32.add (local.get $col) (i32.const 16)) (local.get $cols)))
        (local.set $p (i32.add (local.get $src) (i32.shl (local.get $col) (i32.const 2))))
        (local.set $r (local.get $rows))
        (local.set $s0 (v128.const i32x4 0 0 0 0))
        (local.set $s1 (v128.const i32x4 0 0 0 0))
        (local.set $s2 (v128.const i32x4 0 0 0 0))
        (local.set $s3 (v128.const i32x4 0 0 0 0))
        (loop $row
          (local.set $s0 (f32x4.add (local.get $s0) (v128.load offset=0 (local.get $p))))
          (local.set $s1 (f32x4.add (local.get $s1) (v128.load offset=16 (local.get $p))))
          (local.set $s2 (f32x4.add (local.get $s2) (v128.load offset=32 (local.get $p))))
          (local.set $s3 (f32x4.add (local.get $s3) (v128.load offset=48 (local.get $p))))
          (local.set $p (i32.add (local.get $p) (local.get $ld)))
          (br_if $row (local.tee $r (i32.sub (local.get $r) (i32.const 1)))))
        (local.set $p (i32.add (local.get $dst) (i32.shl (local.get $col) (i32.const 2))))
        (v128.store offset=0 (local.get $p) (local.get $s0))
        (v128.store offset=16 (local.get $p) (local.get $s1))
        (v128.store offset=32 (local.get $p) (local.get $s2))
        (v128.store offset=48 (local.get $p) (local.get $s3))
        (local.set $col (i32.add (local.get $col) (i32.const 16)))
        (br $blocks)))
    (block $done
      (loop $fours
        (br_if $done (i32.ge_u (local.get $col) (local.get $cols)))
        ;; The last four columns end at the edge.
        (if (i32.gt_u (i32.add (local.get $col) (i32.const 4)) (local.get $cols))
          (then (local.set $col (i32.sub (local.get $cols) (i32.const 4)))))
        (local.set $p (i32.add (local.get $src) (i32.shl (local.get $col) (i32.const 2))))
        (local.set $r (local.get $rows))
        (local.set $s0 (v128.const i32x4 0 0 0 0))
        (loop $row
          (local.set $s0 (f32x4.add (local.get $s0) (v128.load (local.get $p))))
          (local.set $p (i32.add (local.get $p) (local.get $ld)))
          (br_if $row (local.tee $r (i32.sub (local.get $r) (i32.const 1)))))
        (v128.store (i32.add (local.get $dst) (i32.shl (local.get $col) (i32.const 2))) (local.get $s0))
        (local.set $col (i32.add (local.get $col) (i32.const 4)))
        (br $fours))))
)
