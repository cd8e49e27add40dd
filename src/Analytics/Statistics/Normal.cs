namespace DiaBan.Analytics.Statistics;

/// <summary>
/// Standard normal tail probabilities to full double precision, so our p-values match R's pnorm to ~1e-15.
/// erfc(x) = Γ(½, x²)/√π, evaluated by the series of P(a, x) below x² = 1.5 and by the continued fraction of Q(a, x)
/// above (Press et al., Numerical Recipes 3rd ed. §6.2, modified Lentz).
/// </summary>
public static class Normal
{
    private const double SqrtPi = 1.7724538509055160273;

    /// <summary>Φ(z).</summary>
    public static double Cdf(double z) => z >= 0 ? 1 - UpperTail(z) : UpperTail(-z);

    /// <summary>1 − Φ(z), accurate in the far tail.</summary>
    public static double UpperTail(double z) => double.IsNaN(z) ? double.NaN : z >= 0 ? UpperTailPositive(z) : 1 - UpperTailPositive(-z);

    /// <summary>Two-sided p = 2·(1 − Φ(|z|)).</summary>
    public static double TwoSidedP(double z) => double.IsNaN(z) ? double.NaN : Math.Min(1.0, 2 * UpperTail(Math.Abs(z)));

    // 1 − Φ(z) = ½·erfc(z/√2) = ½·Q(½, t) with t = z²/2, for z ≥ 0.
    private static double UpperTailPositive(double z)
    {
        var t = z * z / 2;
        if (t == 0) return 0.5;
        if (t > 745) return 0;
        return t < 1.5 ? 0.5 * (1 - LowerSeries(t, z)) : 0.5 * UpperContinuedFraction(t, z);
    }

    // e^{-t}·t^{½} with t = z²/2, e^{-z²/2} split as e^{-h²/2}·e^{-(z−h)(z+h)/2} (h = z rounded to 1/16) so the
    // rounding of z² does not cost relative accuracy in the far tail.
    private static double Prefactor(double z)
    {
        var h = Math.Round(z * 16) / 16;
        return Math.Exp(-h * h / 2) * Math.Exp(-(z - h) * (z + h) / 2) * z / Math.Sqrt(2);
    }

    // P(½, t) = e^{-t} t^{½} / Γ(3/2) · Σ_n t^n / ((3/2)(5/2)…(½+n)).
    private static double LowerSeries(double t, double z)
    {
        double a = 0.5, term = 1 / a, sum = term, ap = a;
        for (var n = 0; n < 500; n++)
        {
            ap += 1;
            term *= t / ap;
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * 1e-17) break;
        }
        return sum * Prefactor(z) / SqrtPi;
    }

    // Q(½, t) = e^{-t} t^{½} / Γ(½) · 1/(t+1−a− 1(1−a)/(t+3−a− 2(2−a)/(t+5−a− …))).
    private static double UpperContinuedFraction(double t, double z)
    {
        const double tiny = 1e-300;
        var a = 0.5;
        var b = t + 1 - a;
        var c = 1 / tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < 500; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < tiny) d = tiny;
            c = b + an / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return Prefactor(z) * h / SqrtPi;
    }
}
