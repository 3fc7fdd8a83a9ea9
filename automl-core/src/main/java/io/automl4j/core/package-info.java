/** The automl4j engine. Its only public class is the {@code ServiceLoader} entry point; everything else is internal. */
package io.automl4j.core;
