# spred4j with the CUDA backend, for an NVIDIA container runtime:
#   docker build -t spred4j .
#   docker run --rm --gpus all spred4j devices
#   docker run --rm --gpus all -v "$PWD":/work spred4j fit --x X.npy --y y.npy --loss squared --lambda 0.1 --out coef.csv
# Build stage: nvcc compiles kernels/cuda into the fatbin, gcc the native CPU library, Maven the runnable jar.
FROM nvidia/cuda:13.0.0-devel-ubuntu24.04 AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven gcc libc6-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline || true
COPY . .
RUN mvn -B -DskipTests package

# Run stage: a JRE, the jar, PoCL so the OpenCL CPU backend works too, and a font for the plots (headless AWT).
# The driver (libcuda.so.1 and NVIDIA's OpenCL library) is mounted by the NVIDIA container runtime; the ICD file
# lets OpenCL find the latter.
FROM nvidia/cuda:13.0.0-runtime-ubuntu24.04
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless pocl-opencl-icd ocl-icd-libopencl1 fontconfig fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /etc/OpenCL/vendors && echo "libnvidia-opencl.so.1" > /etc/OpenCL/vendors/nvidia.icd
ENV NVIDIA_VISIBLE_DEVICES=all NVIDIA_DRIVER_CAPABILITIES=compute,utility
COPY --from=build /src/target/spred4j-*-all.jar /opt/spred4j/spred4j.jar
COPY bin/spred4j /opt/spred4j/bin/spred4j
ENV SPRED4J_JAR=/opt/spred4j/spred4j.jar
WORKDIR /work
ENTRYPOINT ["/opt/spred4j/bin/spred4j"]
CMD ["devices"]
