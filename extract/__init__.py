"""healthfigures: extract every figure from NHS and social-care documents.

`extract.extractor.extract(text)` gives the figures of one text;
`extract.pipeline.run(corpus, output)` publishes the dataset of a folder.
"""

__version__ = "0.2.0"
