"""The one list of misconceptions, facts and skills that exercises and quizzes are tagged with.

Each entry says what a student who gets it wrong believes or misses, one corrective
sentence, and the section of the lesson (docs/lesson.md) to reread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TopicKind = Literal["misconception", "fact", "skill"]


@dataclass(frozen=True)
class Topic:
    id: str
    kind: TopicKind
    title: str
    correction: str
    section: str


_TOPICS = [
    # The lesson's four misconceptions.
    Topic("whole_image", "misconception", "Convolution sees the whole image at once",
          "A filter looks at one small patch at a time and slides; each output number depends only on its patch.",
          "The core idea"),
    Topic("weights_per_position", "misconception", "Each position has its own weights",
          "One filter's weights are shared by every position: a 3x3 filter is 9 numbers whatever the image size.",
          "Weight sharing"),
    Topic("filter_is_picture", "misconception", "A filter is part of the picture",
          "A filter is a small grid of weights, a pattern detector laid over the image, not pixels of it.",
          "A filter at one position"),
    Topic("one_filter_enough", "misconception", "One filter is enough",
          "A layer has many filters, each making its own feature map, and layers are stacked.",
          "Feature maps, layers, learning"),
    # Facts and numbers the lesson teaches.
    Topic("nine_weights", "fact", "A 3x3 filter has 9 weights, whatever the image size",
          "Weights belong to the filter, not to positions: 3x3 = 9 (plus one bias).", "Weight sharing"),
    Topic("dense_614656", "fact", "784 -> 784 fully connected is 614,656 weights",
          "Every output connects to every input: 784 x 784 = 614,656 weights (615,440 with biases).",
          "Why fully-connected layers are wrong for images"),
    Topic("dense_locality", "fact", "Fully-connected layers ignore locality",
          "A dense layer treats neighbouring pixels as unrelated; a filter looks at local arrangements.",
          "Why fully-connected layers are wrong for images"),
    Topic("dense_translation", "fact", "Fully-connected layers lack translation invariance",
          "Weight sharing finds a pattern wherever it appears; a dense layer must relearn it at every spot.",
          "Why fully-connected layers are wrong for images"),
    Topic("map_per_filter", "fact", "One feature map per filter",
          "Each filter makes its own map; a layer's output is the stack of maps, one per filter.",
          "Feature maps, layers, learning"),
    Topic("filters_learned", "fact", "Filters are learned, not hand-set",
          "Gradient descent finds the weights; the hand-set edge filter is only an illustration.",
          "Feature maps, layers, learning"),
    Topic("edge_response", "fact", "The edge filter gives 3 on an edge and 0 on a flat patch",
          "Multiply each pixel by its weight and add: the edge patch gives 3, a flat patch 0.",
          "A filter at one position"),
    Topic("local_weighted_sum", "fact", "A response is a local weighted sum",
          "At one position: multiply each pixel by the weight on top of it, then add all products into one number.",
          "A filter at one position"),
    Topic("stacking_layers", "fact", "Stacked layers build edges, then parts, then objects",
          "Each layer's filters look for patterns in the previous layer's maps.", "Feature maps, layers, learning"),
    # Skills the exercises practise.
    Topic("cross_correlation", "skill", "The kernel is laid on the image as it is, not flipped",
          "Deep-learning 'convolution' multiplies pixel (i+a, j+b) by weight (a, b): no flip.", "A filter at one position"),
    Topic("output_size", "skill", "How many positions a filter fits",
          "Down the image the filter fits (H + 2p - kh) // s + 1 times.", "The core idea"),
    Topic("stride", "skill", "Stride: how far the filter moves",
          "With stride s the filter's top-left corner visits rows 0, s, 2s, ...", "The core idea"),
    Topic("padding", "skill", "Zero padding on every side",
          "Padding p adds p rows/columns of zeros on all four sides before sliding.", "The core idea"),
    Topic("channels", "skill", "A filter spans every input channel",
          "A filter has one slice per input channel; its response sums over all of them, plus one bias.",
          "Feature maps, layers, learning"),
    Topic("gradient", "skill", "The gradient of a shared weight sums over positions",
          "A shared weight is used at every position, so its gradient adds every position's contribution.",
          "Feature maps, layers, learning"),
    Topic("descent", "skill", "Gradient descent steps against the gradient",
          "New weights = old weights - learning rate x gradient.", "Feature maps, layers, learning"),
]

TOPICS: dict[str, Topic] = {t.id: t for t in _TOPICS}

__all__ = ["TOPICS", "Topic"]
