namespace DiaBan.Analytics.Statistics;

/// <summary>
/// xoshiro256** (Blackman &amp; Vigna 2018) seeded through SplitMix64: a fixed, documented generator so permutation
/// results depend only on the seed — not on the .NET version, the thread count or the scheduling. Each unit (or each
/// permutation) gets its own stream, <see cref="ForStream"/>(seed, stream).
/// </summary>
internal struct SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public static SeededRandom ForStream(ulong seed, long stream)
    {
        var mix = seed ^ (0x9E3779B97F4A7C15UL * (ulong)(stream + 1));
        var r = new SeededRandom();
        r._s0 = SplitMix(ref mix);
        r._s1 = SplitMix(ref mix);
        r._s2 = SplitMix(ref mix);
        r._s3 = SplitMix(ref mix);
        return r;
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform integer in [0, bound) without modulo bias (Lemire 2019).</summary>
    public int NextInt(int bound)
    {
        var range = (ulong)bound;
        var product = Math.BigMul(NextUInt64(), range, out var low);
        if (low < range)
        {
            var threshold = (0UL - range) % range;
            while (low < threshold) product = Math.BigMul(NextUInt64(), range, out low);
        }
        return (int)product;
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
