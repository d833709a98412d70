using OpenModel.Analyzers.CodeFixes;
using OpenModel.Analyzers.Rules.Security;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using static OpenModel.Analyzers.Tests.Infrastructure.CodeFixVerify;

namespace OpenModel.Analyzers.Tests.Security;

/// <summary>OM1007 TLS certificate validation disabled: the analyzer and its code fix.</summary>
public class OM1007Tests
{
    [Fact]
    public Task OM1007_always_true_callbacks_and_the_dangerous_validator() => Verify<OM1007TlsValidationDisabled>.AnalyzerAsync("""
        using System.Net;
        using System.Net.Http;
        using System.Net.Security;
        class Downloads
        {
            HttpClient Insecure()
            {
                var handler = new HttpClientHandler();
                {|OM1007:handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true|};
                return new HttpClient(handler);
            }

            HttpClientHandler AlsoInsecure() => new() { ServerCertificateCustomValidationCallback = {|OM1007:HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|} };

            void Global() => {|OM1007:ServicePointManager.ServerCertificateValidationCallback = (sender, certificate, chain, errors) => errors == SslPolicyErrors.None|};

            HttpClientHandler Pinned(string thumbprint) => new()
            {
                ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                    errors == SslPolicyErrors.None || certificate?.GetCertHashString() == thumbprint,
            };
        }
        """);

    [Fact]
    public Task OM1007_callbacks_that_accept_a_subset_of_invalid_certificates() => Verify<OM1007TlsValidationDisabled>.AnalyzerAsync("""
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Cryptography.X509Certificates;
        class Handlers
        {
            static bool IsDevelopment;
            HttpClientHandler Issuer() => new() { {|OM1007:ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                errors == SslPolicyErrors.None || certificate!.Issuer.Contains("CN=Contoso Internal CA")|} };
            HttpClientHandler Debug() => new() { {|OM1007:ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => IsDevelopment || errors == SslPolicyErrors.None|} };
            HttpClientHandler Method() => new() { {|OM1007:ServerCertificateCustomValidationCallback = Accept|} };
            HttpClientHandler Checked() => new() { ServerCertificateCustomValidationCallback = Check };
            HttpClientHandler Chained() => new() { ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => chain!.Build(certificate!) };
            static bool Accept(HttpRequestMessage message, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
            {
                if (errors == SslPolicyErrors.None) return true;
                return certificate?.Subject == "CN=model-hub.internal";
            }
            static bool Check(HttpRequestMessage message, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
            {
                if (errors == SslPolicyErrors.None) return true;
                return false;
            }
        }
        """);

    [Fact]
    public Task OM1007_removes_always_true_callbacks_in_statements_and_initializers() => VerifyAsync<OM1007TlsValidationDisabled, OM1007RemoveCertificateValidationOverrideCodeFix>("""
        using System.Net.Http;
        class Downloads
        {
            HttpClient Create()
            {
                var handler = new HttpClientHandler();
                {|OM1007:handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => true|};
                return new HttpClient(handler);
            }

            HttpClientHandler Other() => new() { AllowAutoRedirect = false, {|OM1007:ServerCertificateCustomValidationCallback = (m, c, ch, e) => true|} };
        }
        """, """
        using System.Net.Http;
        class Downloads
        {
            HttpClient Create()
            {
                var handler = new HttpClientHandler();
                return new HttpClient(handler);
            }

            HttpClientHandler Other() => new() { AllowAutoRedirect = false };
        }
        """);
}
