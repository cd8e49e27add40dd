using DiaBan.Testing;

namespace DiaBan.Web.Tests.Infrastructure;

/// <summary>Where the browser tests save screenshots (git-ignored; the tests print the path).</summary>
public static class Screenshots
{
    public static string Folder
    {
        get
        {
            var dir = RepoPaths.Repo("tests", "Web.Tests", "TestResults", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }
}
