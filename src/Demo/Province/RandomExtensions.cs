namespace DiaBan.Demo.Province;

/// <summary>Draws the demo needs from one seeded <see cref="Random"/> (System.Random with a seed is reproducible).</summary>
internal static class RandomExtensions
{
    public static double Uniform(this Random random, double low, double high) => low + (high - low) * random.NextDouble();

    /// <summary>Box–Muller; one normal per call (the second value is discarded to keep the stream simple).</summary>
    public static double Normal(this Random random, double mean, double sd)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Knuth's multiplication method, in chunks of mean ≤ 20 so exp(-mean) never underflows.</summary>
    public static int Poisson(this Random random, double mean)
    {
        if (mean <= 0) return 0;
        var count = 0;
        while (mean > 0)
        {
            var chunk = Math.Min(mean, 20.0);
            mean -= chunk;
            var limit = Math.Exp(-chunk);
            var product = random.NextDouble();
            while (product > limit)
            {
                count++;
                product *= random.NextDouble();
            }
        }
        return count;
    }

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary>Index drawn with probability proportional to its weight.</summary>
    public static int PickWeighted(this Random random, IReadOnlyList<double> weights)
    {
        var total = weights.Sum();
        var target = random.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            target -= weights[i];
            if (target < 0) return i;
        }
        return weights.Count - 1;
    }

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Fisher–Yates in place.</summary>
    public static void ShuffleInPlace<T>(this Random random, IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
