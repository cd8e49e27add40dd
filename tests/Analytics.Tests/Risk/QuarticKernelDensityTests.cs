using DiaBan.Analytics.Risk;

namespace DiaBan.Analytics.Tests.Risk;

public class QuarticKernelDensityTests
{
    [Fact]
    public void Kernel_peaks_at_three_over_pi_h_squared_and_vanishes_at_the_bandwidth()
    {
        Assert.Equal(3 / (Math.PI * 4), QuarticKernelDensity.Kernel(0, 2), 12);
        Assert.Equal(0, QuarticKernelDensity.Kernel(4, 2), 12);
        // Half way: (1 − 1/4)² = 9/16 of the peak.
        Assert.Equal(3 / (Math.PI * 4) * 9 / 16, QuarticKernelDensity.Kernel(1, 2), 12);
    }

    [Fact]
    public void Kernel_integrates_to_one_over_the_plane()
    {
        double h = 1, step = 0.005, sum = 0;
        for (double x = -h; x <= h; x += step)
            for (double y = -h; y <= h; y += step) sum += QuarticKernelDensity.Kernel(x * x + y * y, h) * step * step;
        Assert.Equal(1, sum, 2);
    }

    [Fact]
    public void Density_sums_weighted_kernels_of_every_point_in_reach()
    {
        (double, double, double)[] points = [(0, 0, 1), (3, 4, 2), (100, 0, 5)];
        var density = QuarticKernelDensity.Evaluate(points, [(0, 0)], 10);
        // Distances 0 and 5 from the origin are within h = 10; the point at 100 m is not.
        double expected = QuarticKernelDensity.Kernel(0, 10) + 2 * QuarticKernelDensity.Kernel(25, 10);
        Assert.Equal(expected, density[0], 12);
    }
}
