;; Matrix products for the TF.js wasm backend, on its own heap (wasm SIMD, four floats per
;; instruction). wasm-gemm.ts runs the backend's rank-2 matMul and fused dense kernels through
;; this; see there for why.
;;
;; Regenerate gemm-simd-binary.ts after editing: npm run build:wasm
;;
;; gemm computes, for one chunk of the shared axis (k < $k),
;;   C[m, n] = Σ_k A[m, k] · B[k, n]   (+ C[m, n] if flags & 1) (+ bias[n] if flags & 2) (ReLU if flags & 4)
;; B, C and bias are packed row-major with N columns. A is read through strides: A[m, k] is at
;; $a + m·$sm + k·$sk (bytes), so a transposed A costs nothing (swap the strides), and no
;; operand is repacked. The caller splits a long shared axis into chunks that keep B's rows in
;; the cache, adding each chunk into C, and asks for bias and ReLU on the last one only.
;;
;; One tile shape does all the work: 4 rows × 8 columns (eight accumulators, two B vectors, one
;; broadcast A value: eleven of x64's sixteen vector registers). Needs M ≥ 4 and N ≥ 8. Where M
;; or N is not a multiple, the last tile is moved back to end at the edge and overlaps the one
;; before it; it keeps what that one wrote in the overlap (rows not stored, lanes blended back),
;; so every value is computed and added once. Nothing is read outside the operands, except a
;; missing bias, read at address 0 and masked off.
;;
;; No tile makes a call while its accumulators are live: V8 then spilled them inside the loop
;; (27 against 38 GFLOP/s). So flags become vector masks, not branches into helpers. The edge
;; tile is a copy of the interior one with the overlap handling added, because adding it to the
;; one tile every product runs made V8 compile that loop ~10% slower (34 against 38 GFLOP/s).
(module
  (import "env" "memory" (memory 0))

  ;; 4 rows × 8 columns of C at $pc; $pa is A's row 0 at k = 0, $pb is B's row k = 0.
  (func $tile (param $pa i32) (param $sk i32) (param $sm i32) (param $pb i32) (param $ldb i32)
                 (param $k i32) (param $pc i32) (param $pbias i32) (param $flags i32)
    (local $sm2 i32) (local $sm3 i32) (local $a v128) (local $b0 v128) (local $b1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $keepC v128) (local $keepBias v128) (local $floor v128) (local $bias0 v128) (local $bias1 v128)
    (local.set $sm2 (i32.add (local.get $sm) (local.get $sm)))
    (local.set $sm3 (i32.add (local.get $sm2) (local.get $sm)))
    (loop $next
      (local.set $b0 (v128.load (local.get $pb)))
      (local.set $b1 (v128.load offset=16 (local.get $pb)))
      (local.set $a (v128.load32_splat (local.get $pa)))
      (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load32_splat (i32.add (local.get $pa) (local.get $sm))))
      (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load32_splat (i32.add (local.get $pa) (local.get $sm2))))
      (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load32_splat (i32.add (local.get $pa) (local.get $sm3))))
      (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $pa (i32.add (local.get $pa) (local.get $sk)))
      (local.set $pb (i32.add (local.get $pb) (local.get $ldb)))
      (br_if $next (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
    ;; Flags as masks (all ones or zero): without bias or accumulation the loads still happen,
    ;; from valid memory, and are masked off.
    (local.set $keepC (i32x4.splat (i32.sub (i32.const 0) (i32.and (local.get $flags) (i32.const 1)))))
    (local.set $keepBias (i32x4.splat (i32.sub (i32.const 0) (i32.and (i32.shr_u (local.get $flags) (i32.const 1)) (i32.const 1)))))
    (local.set $floor (f32x4.splat (select (f32.const 0) (f32.const -inf) (i32.and (local.get $flags) (i32.const 4)))))
    (local.set $bias0 (v128.and (local.get $keepBias) (v128.load (local.get $pbias))))
    (local.set $bias1 (v128.and (local.get $keepBias) (v128.load offset=16 (local.get $pbias))))
    (v128.store offset=0 (local.get $pc) (f32x4.max (local.get $floor) (f32x4.add (f32x4.add (local.get $c00) (local.get $bias0)) (v128.and (local.get $keepC) (v128.load offset=0 (local.get $pc))))))
    (v128.store offset=16 (local.get $pc) (f32x4.max (local.get $floor) (f32x4.add (f32x4.add (local.get $c01) (local.get $bias1)) (v128.and (local.get $keepC) (v128.load offset=16 (local.get $pc))))))
    (local.set $pc (i32.add (local.get $pc) (local.get $ldb)))
    (v128.store offset=0 (local.get $pc) (f32x4.max (local.get $floor) (f32x4.add (f32x4.add (local.get $c10) (local.get $bias0)) (v128.and (local.get $keepC) (v128.load offset=0 (local.get $pc))))))
    (v128.store offset=16 (local.get $pc) (f32x4.max (local.get $floor) (f32x4.add (f32x4.add (local.get $c11) (local.get $bias1)) (v128.and (local.get $keepC) (v128.load offset=16 (local.get $pc))))))
    (local.set $pc (i32.add (local.get $pc) (local.get $ldb)))
    (v128.store offset=0 (local.get $pc) (f32x4.max (local.get $floor) (f32x4.add (f32x4.add (local.get $c20) (local.get $bias0)) (v128.and (local.get $keepC) (v128.load offset=0 (local.get $pc))))))
    (v128.store offset=16 (local.get $pc) (f32x4.max (local.get $floor) (f32x4.add (f32x4.add (local.get $c21) (local.get $bias1)) (v128.and (local.get $keepC) (v128.load offset=16 (local.get $pc))))))
    (local.set $pc (i32.add (local.get $pc) (local.get $ldb)))
    (v128.store offset=0 (local.get $pc) (f32x4.max (local.get $floor) (f32x4.add (f32x4.add (local.get $c30) (local.get $bias0)) (v128.and (local.get $keepC) (v128.load offset=0 (local.get $pc))))))
    (v128.store offset=16 (local.get $pc) (f32x4.max (local.get $floor) (f32x4.add (f32x4.add (local.get $c31) (local.get $bias1)) (v128.and (local.get $keepC) (v128.load offset=16 (local.get $pc))))))
  )

  ;; $tile for the last tile of a row or column: its first $skipRows rows and $skipCols columns
  ;; overlap the tiles before, and keep what those wrote (see the top of the file).
  (func $edgeTile (param $pa i32) (param $sk i32) (param $sm i32) (param $pb i32) (param $ldb i32) (param $k i32)
              (param $pc i32) (param $pbias i32) (param $flags i32) (param $skipRows i32) (param $skipCols i32)
    (local $sm2 i32) (local $sm3 i32) (local $a v128) (local $b0 v128) (local $b1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $keepC v128) (local $keepBias v128) (local $floor v128) (local $bias0 v128) (local $bias1 v128) (local $old0 v128) (local $old1 v128) (local $c v128)
    (local.set $sm2 (i32.add (local.get $sm) (local.get $sm)))
    (local.set $sm3 (i32.add (local.get $sm2) (local.get $sm)))
    (loop $next
      (local.set $b0 (v128.load (local.get $pb)))
      (local.set $b1 (v128.load offset=16 (local.get $pb)))
      (local.set $a (v128.load32_splat (local.get $pa)))
      (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load32_splat (i32.add (local.get $pa) (local.get $sm))))
      (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load32_splat (i32.add (local.get $pa) (local.get $sm2))))
      (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load32_splat (i32.add (local.get $pa) (local.get $sm3))))
      (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $pa (i32.add (local.get $pa) (local.get $sk)))
      (local.set $pb (i32.add (local.get $pb) (local.get $ldb)))
      (br_if $next (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
    ;; Flags as masks, as in $tile.
    (local.set $keepC (i32x4.splat (i32.sub (i32.const 0) (i32.and (local.get $flags) (i32.const 1)))))
    (local.set $keepBias (i32x4.splat (i32.sub (i32.const 0) (i32.and (i32.shr_u (local.get $flags) (i32.const 1)) (i32.const 1)))))
    (local.set $floor (f32x4.splat (select (f32.const 0) (f32.const -inf) (i32.and (local.get $flags) (i32.const 4)))))
    (local.set $bias0 (v128.and (local.get $keepBias) (v128.load (local.get $pbias))))
    (local.set $bias1 (v128.and (local.get $keepBias) (v128.load offset=16 (local.get $pbias))))
    ;; Lanes of the first $skipCols columns keep C's value.
    (local.set $old0 (i32x4.lt_s (v128.const i32x4 0 1 2 3) (i32x4.splat (local.get $skipCols))))
    (local.set $old1 (i32x4.lt_s (v128.const i32x4 4 5 6 7) (i32x4.splat (local.get $skipCols))))
    (if (i32.le_u (local.get $skipRows) (i32.const 0)) (then
      (local.set $c (v128.load offset=0 (local.get $pc)))
      (v128.store offset=0 (local.get $pc) (v128.bitselect (local.get $c)
        (f32x4.max (local.get $floor) (f32x4.add (f32x4.add (local.get $c00) (local.get $bias0)) (v128.and (local.get $keepC) (local.get $c))))
        (local.get $old0)))
      (local.set $c (v128.load offset=16 (local.get $pc)))
      (v128.store offset=16 (local.get $pc) (v128.bitselect (local.get $c)
        (f32x4.max (local.get $floor) (f32x4.add (f32x4.add (local.get $c01) (local.get $bias1)) (v128.and (local.get $keepC) (local.get $c))))
        (local.get $old1)))))
    (local.set $pc (i32.add (local.get $pc) (local.get $ldb)))
    (if (i32.le_u (local.get $skipRows) (i32.const 1)) (then
      (local.set $c (v128.load offset=0 (local.get $pc)))
      (v128.store offset=0 (local.get $pc) (v128.bitselect (local.get $c)
        (f32x4.max (local.get $floor) (f32x4.add (f32x4.add (local.get $c10) (local.get $bias0)) (v128.and (local.get $keepC) (local.get $c))))
        (local.get $old0)))
      (local.set $c (v128.load offset=16 (local.get $pc)))
      (v128.store offset=16 (local.get $pc) (v128.bitselect (local.get $c)
        (f32x4.max (local.get $floor) (f32x4.add (f32x4.add (local.get $c11) (local.get $bias1)) (v128.and (local.get $keepC) (local.get $c))))
        (local.get $old1)))))
    (local.set $pc (i32.add (local.get $pc) (local.get $ldb)))
    (if (i32.le_u (local.get $skipRows) (i32.const 2)) (then
      (local.set $c (v128.load offset=0 (local.get $pc)))
      (v128.store offset=0 (local.get $pc) (v128.bitselect (local.get $c)
        (f32x4.max (local.get $floor) (f32x4.add (f32x4.add (local.get $c20) (local.get $bias0)) (v128.and (local.get $keepC) (local.get $c))))
        (local.get $old0)))
      (local.set $c (v128.load offset=16 (local.get $pc)))
      (v128.store offset=16 (local.get $pc) (v128.bitselect (local.get $c)
        (f32x4.max (local.get $floor) (f32x4.add (f32x4.add (local.get $c21) (local.get $bias1)) (v128.and (local.get $keepC) (local.get $c))))
        (local.get $old1)))))
    (local.set $pc (i32.add (local.get $pc) (local.get $ldb)))
    (if (i32.le_u (local.get $skipRows) (i32.const 3)) (then
      (local.set $c (v128.load offset=0 (local.get $pc)))
      (v128.store offset=0 (local.get $pc) (v128.bitselect (local.get $c)
        (f32x4.max (local.get $floor) (f32x4.add (f32x4.add (local.get $c30) (local.get $bias0)) (v128.and (local.get $keepC) (local.get $c))))
        (local.get $old0)))
      (local.set $c (v128.load offset=16 (local.get $pc)))
      (v128.store offset=16 (local.get $pc) (v128.bitselect (local.get $c)
        (f32x4.max (local.get $floor) (f32x4.add (f32x4.add (local.get $c31) (local.get $bias1)) (v128.and (local.get $keepC) (local.get $c))))
        (local.get $old1))))))

  ;; C [m, n] for k ≥ 1 values of the shared axis, m ≥ 4, n ≥ 8; see the top of the file.
  (func (export "gemm") (param $a i32) (param $sk i32) (param $sm i32) (param $b i32) (param $c i32) (param $bias i32)
                        (param $m i32) (param $n i32) (param $k i32) (param $flags i32)
    (local $ldb i32) (local $row i32) (local $col i32) (local $top i32) (local $left i32)
    (local.set $ldb (i32.shl (local.get $n) (i32.const 2)))
    (loop $rows
      ;; The tile's first row: $row, or m - 4 for the last tile, which then skips the overlap.
      (local.set $top (select (local.get $row) (i32.sub (local.get $m) (i32.const 4))
        (i32.le_u (i32.add (local.get $row) (i32.const 4)) (local.get $m))))
      (local.set $col (i32.const 0))
      (loop $cols
        (local.set $left (select (local.get $col) (i32.sub (local.get $n) (i32.const 8))
          (i32.le_u (i32.add (local.get $col) (i32.const 8)) (local.get $n))))
        (if (i32.or (i32.sub (local.get $row) (local.get $top)) (i32.sub (local.get $col) (local.get $left)))
          (then (call $edgeTile
            (i32.add (local.get $a) (i32.mul (local.get $top) (local.get $sm))) (local.get $sk) (local.get $sm)
            (i32.add (local.get $b) (i32.shl (local.get $left) (i32.const 2))) (local.get $ldb) (local.get $k)
            (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $top) (local.get $n)) (local.get $left)) (i32.const 2)))
            (i32.add (local.get $bias) (i32.shl (local.get $left) (i32.const 2))) (local.get $flags)
            (i32.sub (local.get $row) (local.get $top)) (i32.sub (local.get $col) (local.get $left))))
          (else (call $tile
            (i32.add (local.get $a) (i32.mul (local.get $top) (local.get $sm))) (local.get $sk) (local.get $sm)
            (i32.add (local.get $b) (i32.shl (local.get $left) (i32.const 2))) (local.get $ldb) (local.get $k)
            (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $top) (local.get $n)) (local.get $left)) (i32.const 2)))
            (i32.add (local.get $bias) (i32.shl (local.get $left) (i32.const 2))) (local.get $flags))))
        (local.set $col (i32.add (local.get $col) (i32.const 8)))
        (br_if $cols (i32.lt_u (local.get $col) (local.get $n))))
      (local.set $row (i32.add (local.get $row) (i32.const 4)))
      (br_if $rows (i32.lt_u (local.get $row) (local.get $m)))))
)
