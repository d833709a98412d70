namespace SentimentService.Trainer;

/// <summary>Full-batch gradient descent with L2 regularisation: deterministic, so the committed model can be reproduced bit for bit.</summary>
public sealed class LogisticRegression(int epochs = 400, double learningRate = 0.5, double l2 = 0.001)
{
    public (float[] Weights, float Bias) Fit(IReadOnlyList<float[]> features, IReadOnlyList<bool> labels)
    {
        var dimensions = features[0].Length;
        var weights = new double[dimensions];
        var bias = 0.0;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var gradient = new double[dimensions];
            var biasGradient = 0.0;
            for (var i = 0; i < features.Count; i++)
            {
                var error = Sigmoid(Dot(weights, features[i]) + bias) - (labels[i] ? 1.0 : 0.0);
                for (var j = 0; j < dimensions; j++)
                {
                    gradient[j] += error * features[i][j];
                }

                biasGradient += error;
            }

            for (var j = 0; j < dimensions; j++)
            {
                weights[j] -= learningRate * ((gradient[j] / features.Count) + (l2 * weights[j]));
            }

            bias -= learningRate * biasGradient / features.Count;
        }

        return (weights.Select(w => (float)w).ToArray(), (float)bias);
    }

    private static double Dot(double[] weights, float[] x)
    {
        var sum = 0.0;
        for (var j = 0; j < weights.Length; j++)
        {
            sum += weights[j] * x[j];
        }

        return sum;
    }

    private static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));
}
