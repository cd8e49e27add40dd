using System.Reflection;
using DiaBan.Geo.Hosting;

namespace DiaBan.Web.Tests.Infrastructure;

/// <summary>The repository root, found from the test's base directory or, when built outside the tree, its source folder.</summary>
public static class RepoPaths
{
    private static IEnumerable<string> Starts()
    {
        yield return AppContext.BaseDirectory;
        var source = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SourceDirectory")?.Value;
        if (source is not null)
        {
            yield return source;
        }
    }

    public static string SolutionRoot =>
        Starts().Select(DiaBanHome.FindSolutionRoot).FirstOrDefault(root => root is not null)
        ?? throw new InvalidOperationException($"no DiaBan.sln above {AppContext.BaseDirectory}; set DIABAN_TEST_DB_ADMIN");

    /// <summary>tests/Web.Tests/TestResults/screenshots (git-ignored; the browser tests print the path).</summary>
    public static string Screenshots
    {
        get
        {
            var dir = Path.Combine(SolutionRoot, "tests", "Web.Tests", "TestResults", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }
}
