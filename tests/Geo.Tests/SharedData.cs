using System.Runtime.CompilerServices;

namespace DiaBan.Geo.Tests;

/// <summary>
/// Locates the real boundary files in <c>shared/data/vn</c> by walking up from the test's base directory (worktrees
/// live beside <c>shared</c>), then from this source file's folder (build output may sit outside the checkout, e.g.
/// with --artifacts-path). Tests that need the files fail, naming the folder, when it is absent: xunit 2.9 has no
/// runtime skip, and CI always has the folder.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Folder = new(() =>
        FindAbove(AppContext.BaseDirectory) ?? FindAbove(Path.GetDirectoryName(SourceFile()) ?? "."));

    public static string VnFolder => Folder.Value
        ?? throw new DirectoryNotFoundException(
            $"shared/data/vn not found above {AppContext.BaseDirectory} or {SourceFile()}: these tests need the real boundary files in ../shared/data/vn/");

    public static string VnFile(string name) => Path.Combine(VnFolder, name);

    private static string? FindAbove(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "vn");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;
}
