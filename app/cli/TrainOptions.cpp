#include "TrainOptions.h"

#include "ArgumentList.h"
#include "UsageError.h"

#include <algorithm>
#include <thread>
#include <cmath>
#include <limits>
#include <sstream>

namespace mlps::cli {

std::int64_t SampleAmount::resolve(std::int64_t total) const
{
    if (value > 0.0 && value < 1.0)
        return std::int64_t(std::llround(value * double(total)));
    return std::int64_t(value);
}

std::vector<LayerSpec> hiddenLayers(const std::vector<int>& units, Activation activation, float dropout, float l2)
{
    std::vector<LayerSpec> layers;
    for (int width : units) {
        layers.push_back(DenseSpec{width, activation, l2});
        if (dropout > 0.0f)
            layers.push_back(DropoutSpec{dropout});
    }
    return layers;
}

double parseCheckpointInterval(const ArgumentList& args)
{
    const double seconds = args.number("checkpoint-interval", 60.0);
    if (!(seconds >= 0.0 && seconds <= 1e9))
        throw UsageError("--checkpoint-interval needs a number of seconds, 0 or more; got " + args.text("checkpoint-interval"));
    return seconds;
}

namespace {

std::vector<int> parseLayerList(const std::string& text)
{
    std::vector<int> units;
    if (text.empty() || text == "none")
        return units;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        std::size_t used = 0;
        int width = 0;
        try {
            width = std::stoi(item, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != item.size() || width <= 0 || width > 100000)
            throw UsageError("--layers needs a comma-separated list of positive layer widths, like 128,256,128,64; got '"
                             + text + "'");
        units.push_back(width);
    }
    return units;
}

SampleAmount parseAmount(const ArgumentList& args, const std::string& name, double fallback)
{
    const double value = args.number(name, fallback);
    if (value < 0.0 || (value >= 1.0 && value != std::floor(value)))
        throw UsageError("--" + name + " needs a sample count (like 1000) or a fraction below 1 (like 0.1), got "
                         + args.text(name));
    return {value};
}

} // namespace

TrainOptions TrainOptions::parse(const std::vector<std::string>& arguments)
{
    ArgumentList args({"data", "labels", "test", "test-labels", "format", "font-variations", "layers", "activation", "dropout", "l2", "init",
                       "optimizer", "lr", "momentum", "beta1", "beta2", "rho", "epsilon", "schedule", "decay",
                       "step-size", "gamma", "warmup", "min-lr", "patience", "early-stop", "epochs", "batch", "val", "augment",
                       "test-split", "seed", "threads", "errors", "predictions", "project", "save", "label-smoothing",
                       "ema", "synthetic", "synthetic-share", "ensemble", "checkpoint-interval"},
                      {"json", "quiet", "no-cache", "dedup", "remove-overlap"});
    args.parse(arguments);

    TrainOptions options;
    options.projectPath = args.text("project");
    options.savePath = args.text("save");
    options.threadsGiven = args.has("threads");
    if (!options.projectPath.empty()) {
        // The project holds the data, the split and every training setting.
        for (const char* name : {"data", "labels", "test", "test-labels", "format", "font-variations", "layers",
                                 "activation", "dropout", "l2", "init", "optimizer", "lr", "momentum", "beta1",
                                 "beta2", "rho", "epsilon", "schedule", "decay", "step-size", "gamma", "warmup",
                                 "min-lr", "patience", "early-stop", "epochs", "batch", "val", "augment",
                                 "test-split", "seed", "dedup", "remove-overlap"}) {
            if (args.has(name))
                throw UsageError(std::string("--project takes the data and the settings from the project; leave out --")
                                 + name);
        }
        options.data = "builtin:project"; // replaced by the project's data
    } else {
        options.data = args.text("data");
    }
    if (!options.savePath.empty() && !args.text("test").empty())
        throw UsageError("--save keeps one dataset per project: split the test set off (--test-split) instead of --test");
    if (options.data.empty())
        throw UsageError("--data is required: the training images (an IDX file such as train-images-idx3-ubyte.gz)");
    options.labels = args.text("labels");
    options.test = args.text("test");
    options.testLabels = args.text("test-labels");
    if (!options.testLabels.empty() && options.test.empty())
        throw UsageError("--test-labels needs --test");
    options.dataSettings = parseDataSettings(args);

    options.hiddenUnits = parseLayerList(args.text("layers", "128,256,128,64"));
    const std::string activationName = args.text("activation", "relu");
    const auto activation = parseActivation(activationName);
    if (!activation)
        throw UsageError("--activation must be relu, sigmoid, tanh, leaky_relu, elu or linear; got '" + activationName + "'");
    options.activation = *activation;
    options.dropout = float(args.number("dropout", 0.0));
    if (!(options.dropout >= 0.0f && options.dropout < 1.0f))
        throw UsageError("--dropout must be in [0, 1), got " + args.text("dropout"));
    options.l2 = float(args.number("l2", 0.0));
    if (options.l2 < 0.0f)
        throw UsageError("--l2 must be >= 0, got " + args.text("l2"));
    options.network.hidden = hiddenLayers(options.hiddenUnits, options.activation, options.dropout, options.l2);
    options.network.outputL2 = options.l2;
    const std::string initText = args.text("init", "he");
    if (!parseInit(initText, options.network.init))
        throw UsageError("--init must be he, he_normal, glorot or glorot_normal; got '" + initText + "'");

    TrainConfig& config = options.config;
    const std::string optimizerText = args.text("optimizer", "sgd");
    const auto kind = parseOptimizer(optimizerText);
    if (!kind)
        throw UsageError("--optimizer must be sgd, momentum, nesterov, adam or rmsprop; got '" + optimizerText + "'");
    config.optimizer.kind = *kind;
    const bool adaptive = *kind == OptimizerKind::Adam || *kind == OptimizerKind::RmsProp;
    config.optimizer.learningRate = float(args.number("lr", adaptive ? 0.001 : 0.01));
    config.optimizer.momentum = float(args.number("momentum", 0.9));
    config.optimizer.beta1 = float(args.number("beta1", 0.9));
    config.optimizer.beta2 = float(args.number("beta2", 0.999));
    config.optimizer.rho = float(args.number("rho", 0.9));
    config.optimizer.epsilon = float(args.number("epsilon", 1e-7));
    if (args.has("momentum") && (*kind == OptimizerKind::Sgd))
        throw UsageError("--momentum has no effect with --optimizer sgd: use --optimizer momentum or nesterov");

    ScheduleSpec& schedule = config.schedule;
    const std::string scheduleText = args.text("schedule", args.has("decay") ? "inverse-time" : "constant");
    const auto scheduleKind = parseSchedule(scheduleText);
    if (!scheduleKind)
        throw UsageError("--schedule must be constant, inverse-time, step, exponential, cosine or plateau; got '"
                         + scheduleText + "'");
    schedule.kind = *scheduleKind;
    schedule.decay = args.number("decay", 0.0);
    if (args.has("decay") && schedule.kind != ScheduleKind::InverseTime)
        throw UsageError("--decay belongs to --schedule inverse-time, not " + scheduleText);
    schedule.stepSize = int(args.integer("step-size", 10));
    schedule.gamma = args.number("gamma", schedule.kind == ScheduleKind::Exponential ? 0.95 : 0.1);
    schedule.warmupEpochs = args.number("warmup", 0.0);
    schedule.minFraction = args.number("min-lr", 0.0);
    schedule.patience = int(args.integer("patience", 5));

    config.epochs = int(args.integer("epochs", 10));
    config.batchSize = int(args.integer("batch", 128));
    config.seed = args.unsignedInteger("seed", 1);
    config.threads = int(args.integer("threads", std::max(1u, std::thread::hardware_concurrency())));
    config.earlyStoppingPatience = int(args.integer("early-stop", 0));
    config.labelSmoothing = float(args.number("label-smoothing", 0.0));
    options.synthetic = args.text("synthetic");
    config.syntheticShare = float(args.number("synthetic-share", options.synthetic.empty() ? 0.0 : 0.25));
    if (config.syntheticShare > 0.0f && options.synthetic.empty())
        throw UsageError("--synthetic-share needs --synthetic, the data to mix in (e.g. builtin:font-letters)");
    if (!options.synthetic.empty() && args.has("synthetic-share") && config.syntheticShare == 0.0f)
        throw UsageError("--synthetic-share 0 would not use --synthetic: leave out both, or give a share above 0");
    config.weightAverageDecay = float(args.number("ema", 0.0));
    config.ensembleSize = int(args.integer("ensemble", 1));
    if (config.threads > 256)
        throw UsageError("--threads must be between 1 and 256, got " + args.text("threads"));
    if (const std::string problem = config.validate(); !problem.empty())
        throw UsageError(problem);

    // After validate(): the augmentation's image size comes from the data later.
    if (const auto augment = args.optionalText("augment")) {
        std::string problem;
        const auto spec = parseAugmentSpec(*augment, &problem);
        if (!spec)
            throw UsageError("--augment: " + problem);
        config.augment = *spec;
    }

    options.validation = parseAmount(args, "val", 0.0);
    options.testSplit = parseAmount(args, "test-split", 0.1);
    if (!options.test.empty() && args.has("test-split"))
        throw UsageError("--test-split and --test exclude each other: the test set is either split off or given");
    options.dedup = args.has("dedup");
    options.removeOverlap = args.has("remove-overlap");
    options.json = args.has("json");
    const long long errors = args.integer("errors", 20);
    if (errors < 0)
        throw UsageError("--errors needs a count of samples, 0 or more; got " + args.text("errors"));
    options.errors = int(std::min<long long>(errors, std::numeric_limits<int>::max()));
    options.predictionsPath = args.text("predictions");
    options.quiet = args.has("quiet");
    options.checkpointInterval = parseCheckpointInterval(args);
    if (args.has("checkpoint-interval") && options.savePath.empty() && options.projectPath.empty())
        throw UsageError("--checkpoint-interval needs --save or --project: the checkpoints are kept in the project");
    return options;
}

std::string TrainOptions::help()
{
    return R"(Usage: mlp-studio-cli train --data IMAGES [options]

Data
  --data PATH            the training data, in any of these forms (detected):
                           notMNIST_small.tar.gz as downloaded (also .tar, .tar.bz2,
                           .tar.xz), a folder or a .zip of class folders of images,
                           MNIST-style IDX (.gz or raw), CSV (label,p0,...), NumPy
                           .npz or .npy, or builtin:font-letters (letters A..J
                           rendered from the installed fonts)
  --labels LABELS        labels kept apart (IDX, .npy; default: found beside the
                         images by name, ...-images-idx3-ubyte -> ...-labels-idx1-ubyte)
  --format NAME          read PATH as idx, csv, npz, npy, folder, zip, tar or
                         font-letters instead of detecting it
  --font-variations N    builtin:font-letters: N extra seeded variants per font and
                         letter (scale, shift, weight, slant) (default 0)
  --no-cache             decode archives and folders again instead of using the cache
  --test PATH            a separate test set (default: split off the training data)
  --test-labels LABELS   its labels (default: found by name)
  --test-split N         test samples split off the data when --test is not given:
                         a count, or a fraction below 1 (default 0.1)
  --val N                validation samples split off the training data (default 0)
                         Splits are stratified by class and seeded.
  --synthetic PATH       extra training data mixed into every epoch, in any of the
                         forms of --data, typically builtin:font-letters; never
                         validated or tested on
  --synthetic-share S    the share of each epoch's samples drawn from --synthetic:
                         every real training image once, plus as many synthetic ones
                         as make up S of the epoch, 0 < S <= 0.95 (default 0.25)
  --dedup                drop exact duplicate images inside train, validation and
                         test (keeping the first of each group)
  --remove-overlap       drop from train the images that also occur in validation
                         or test (both are always reported; removed only on request)
Network
  --layers LIST          hidden layer widths, e.g. 128,256,128,64 (the default);
                         an empty list ("") is logistic regression
  --activation NAME      relu (default), sigmoid, tanh, leaky_relu, elu, linear
  --dropout R            dropout rate after each hidden layer, 0 <= R < 1 (default 0)
  --l2 L                 L2 factor on every dense layer's weights (Keras' l2(L)) (default 0)
  --init NAME            he (default, He uniform), he_normal, glorot, glorot_normal
Optimizer
  --optimizer NAME       sgd (default), momentum, nesterov, adam, rmsprop
  --lr RATE              learning rate (default 0.01; 0.001 for adam and rmsprop)
  --momentum M           for momentum and nesterov (default 0.9)
  --beta1 B --beta2 B    Adam (defaults 0.9, 0.999); --rho R RMSprop (default 0.9)
  --epsilon E            Adam and RMSprop (default 1e-7)
Learning-rate schedule
  --schedule NAME        constant (default), inverse-time, step, exponential, cosine, plateau
  --decay D              inverse-time: lr / (1 + D * batches so far), legacy Keras SGD decay
                         (giving --decay alone selects inverse-time)
  --step-size E          step: multiply by --gamma every E epochs (default 10)
  --gamma G              step, exponential (per epoch), plateau: the factor
                         (default 0.1; 0.95 for exponential)
  --warmup E             cosine: linear warm-up over E epochs (default 0)
  --min-lr F             cosine: final rate as a fraction of --lr (default 0)
  --patience E           plateau: epochs without improvement before a cut (default 5)
Training
  --epochs N             (default 10)
  --batch N              mini-batch size (default 128)
  --augment SPEC         augment the training batches on the fly, e.g.
                         shift=2,scale=0.1,rotate=10,elastic=34:4,p=0.5 (pixels, fraction,
                         degrees, Simard's alpha:sigma, share of samples) (default off)
  --label-smoothing E    train towards (1 - E) onehot + E / classes instead of the
                         one-hot label, 0 <= E < 1 (default 0, off)
  --ema D                keep an exponential moving average of the weights,
                         avg = D avg + (1 - D) w after every batch, and validate,
                         test and keep the averaged network; 0 <= D < 1, e.g. 0.999
                         (default 0, off)
  --ensemble N           train N networks side by side on the same batches, each
                         from its own seed, and validate, test and predict with the
                         mean of their class probabilities; 1..16 (default 1);
                         N times the training time
  --early-stop E         stop after E epochs without a better validation loss and
                         keep the best weights (needs --val; default off)
  --seed S               seed for initialisation, shuffling, dropout, splits (default 1)
  --threads N            worker threads (default: all cores)
Projects
  --save PROJECT         record the run (settings, split, history, metrics, predictions,
                         weights) in this .mlpstudio project, made when missing
  --project PROJECT      train with the project's data, split and settings, and record
                         the run in it (only --threads and the output options may be given)
  --checkpoint-interval S  with --save or --project: record the run's checkpoint every S
                         seconds (default 60; 0: at every epoch end) and when Ctrl+C or
                         SIGTERM stops it; `mlp-studio-cli resume` continues it exactly
Output
  --json                 print the results as one JSON object on the last line of stdout
                         (with "misclassified": the most confident mistakes on the test set)
  --errors N             how many misclassified test samples the JSON lists (default 20; 0: none)
  --predictions FILE     write every test sample's prediction as CSV: index, source, true,
                         predicted, confidence and the probability of each class
  --quiet                no progress lines on stderr

Example (the reference lab's network and its decaying SGD):
  mlp-studio-cli train --data notmnist-train-clean-images-idx3-ubyte.gz \
      --layers 128,256,128,64 --optimizer momentum --lr 0.1 --momentum 0.9 \
      --decay 0.005 --epochs 20 --val 1000 --json
)";
}

} // namespace mlps::cli
