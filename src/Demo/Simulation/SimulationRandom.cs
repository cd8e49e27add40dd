namespace DiaBan.Demo.Simulation;

/// <summary>The simulations' System.Random (seeded, stable sequence; not the permutation generator of Analytics) with the few distributions the simulation needs.</summary>
internal sealed class SimulationRandom(int seed)
{
    private readonly Random _random = new(seed);

    public double Uniform() => _random.NextDouble();

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    /// <summary>Standard normal by Box–Muller.</summary>
    public double Normal()
    {
        double u1 = 1.0 - _random.NextDouble(), u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Poisson by Knuth's product of uniforms for small means, rounded normal approximation above 30.</summary>
    public int Poisson(double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 30) return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * Normal()));
        double limit = Math.Exp(-mean), product = _random.NextDouble();
        int k = 0;
        while (product > limit)
        {
            k++;
            product *= _random.NextDouble();
        }
        return k;
    }

    /// <summary>Geometric number of trials to the first success, ≥ 1.</summary>
    public int Geometric(double success)
    {
        int k = 1;
        while (_random.NextDouble() > success && k < 64) k++;
        return k;
    }
}
